--[[ book.lua: the pandoc filter that turns a chapter into a page of the book.
See docs/AUTHORING.md for the conventions it implements:
  ```{.c include="FILE" snippet="NAME"}```  code from the real files
  `COMMAND`{.run digits=N}, ```{.run format=markdown}```  numbers from the build
  ::: card / exercise / hint / answers       the boxes
  [text](#id)                                 a link to an id on another page
and the page furniture the template shows: page title, chapter number, the
book's table of contents, previous and next.
Run by docs/page.sh, which sets $srcdir, $PATH and these metadata fields:
  page       this page's name (04-sigmoid, index, setup)
  chapters   the book's chapters in order, space-separated
  edition    learner, instructor, or epub (the learner's text, for
             docs/epub.sh: links between pages become links within one
             document, chapter titles carry their number)
Any problem is an error() naming the page, so the build stops. ]]

local srcdir = os.getenv('srcdir') or '.'
local page, chapters, edition = '?', {}, 'learner'
local here = '?'          -- the source file, for messages
local ids_elsewhere = {}  -- explicit {#id} of the other pages -> page name
local title_ids = {}      -- page name -> the id of its "# Title {#id}"

local function fail(fmt, ...)
  error('\n' .. here .. ': ' .. string.format(fmt, ...) .. '\n', 0)
end

local function read_file(path)
  local f = io.open(srcdir .. '/' .. path, 'r')
  if not f then
    return nil
  end
  local text = f:read('a')
  f:close()
  return text
end

local function html_escape(s)
  return (s:gsub('&', '&amp;'):gsub('<', '&lt;'):gsub('>', '&gt;'):gsub('"', '&quot;'))
end

-- The pages that are not chapters: the index first, the others after the
-- last chapter, in this order (docs/NAME.md); search is in no order.
local after_chapters = {'setup', 'sources'}
local outside_order = {'search'}

local function source_of(name)
  if name == 'index' then
    return 'docs/index.md'
  end
  for _, list in ipairs({after_chapters, outside_order}) do
    for _, extra in ipairs(list) do
      if name == extra then
        return 'docs/' .. name .. '.md'
      end
    end
  end
  return 'chapters/' .. name .. '.md'
end

-- "04-sigmoid" -> 4
local function chapter_number(name)
  return tonumber(name:match('^(%d+)%-'))
end

-- The title of a page: its first "# Title {#id}" line, as inlines.
local function title_of(name)
  local text = read_file(source_of(name))
  if not text then
    fail('cannot read %s', source_of(name))
  end
  local line = text:match('^#%s+([^\n]+)') or text:match('\n#%s+([^\n]+)')
  if not line then
    fail('%s has no "# Title {#ch-slug}" line', source_of(name))
  end
  line = line:gsub('%s*{[^}]*}%s*$', '')
  local doc = pandoc.read(line, 'markdown')
  return doc.blocks[1] and doc.blocks[1].content or pandoc.List()
end

-- Explicit ids ({#id} or {.class #id ...}) in a page's Markdown source.
local function scan_ids(name)
  local text = read_file(source_of(name)) or ''
  title_ids[name] = (text:match('^#%s[^\n]-{#([%w][%w%-_:%.]*)') or
    text:match('\n#%s[^\n]-{#([%w][%w%-_:%.]*)'))
  for attr in text:gmatch('{([^}\n]*)}') do
    for id in (' ' .. attr):gmatch('%s#([%w][%w%-_:%.]*)') do
      ids_elsewhere[id] = ids_elsewhere[id] or name
    end
  end
end

------------------------------------------------------------------------
-- Numbers from the build.

local superscript = {
  ['0'] = '⁰', ['1'] = '¹', ['2'] = '²', ['3'] = '³', ['4'] = '⁴',
  ['5'] = '⁵', ['6'] = '⁶', ['7'] = '⁷', ['8'] = '⁸', ['9'] = '⁹', ['-'] = '⁻',
}

-- One number rounded to n significant digits, written as a person would:
-- 0.25, 0.7616, 4.54×10⁻⁵ (never 4.54e-05).
local function round_number(s, n)
  local v = tonumber(s)
  if not v or v ~= v or v == math.huge or v == -math.huge then
    return s
  end
  local r = string.format('%.' .. n .. 'g', v)
  local mant, exp = r:match('^(.-)e([-+]%d+)$')
  if mant then
    exp = tostring(tonumber(exp)):gsub('.', superscript)
    r = mant .. '×10' .. exp
  end
  if r:match('^%-0$') then
    r = '0'
  end
  return r
end

local function round_all(text, n)
  -- A number: optional sign, digits with an optional point, an optional
  -- exponent.  The frontiers leave words such as 04-sigmoid alone.
  return (text:gsub('%f[%w%.%-+]([-+]?%d*%.?%d+)([eE]?[-+]?%d*)%f[^%w%.%-]',
    function(m, e)
      local s = m .. e
      if tonumber(s) then
        return round_number(s, n)
      end
    end))
end

local function run(cmd, attr)
  local ok, out = pcall(pandoc.pipe, 'sh', {'-c', cmd}, '')
  if not ok then
    fail('the command `%s` failed (%s); the book needs its output',
      cmd, tostring(out):gsub('%s+$', ''))
  end
  out = out:gsub('%s+$', ''):gsub('^%s+', '')
  if out == '' then
    fail('the command `%s` printed nothing', cmd)
  end
  local digits = attr.attributes.digits
  if digits then
    local n = tonumber(digits)
    if not n or n < 1 or n > 17 or n % 1 ~= 0 then
      fail('digits=%s on `%s`: give a whole number from 1 to 17', digits, cmd)
    end
    out = round_all(out, n)
  end
  return out
end

------------------------------------------------------------------------
-- Code from the real files.

local function snippet_of(text, path, name)
  local lines, inside, found, closed = {}, false, false, false
  local quoted = name:gsub('%p', '%%%0')
  for line in (text .. '\n'):gmatch('([^\n]*)\n') do
    if line:match('/%*%s*end snippet:%s*' .. quoted .. '%s*%*/') then
      if not inside then
        fail('%s: "end snippet: %s" comes before its start', path, name)
      end
      inside, closed = false, true
    elseif line:match('/%*%s*snippet:%s*' .. quoted .. '%s*%*/') then
      if found then
        fail('%s has snippet "%s" twice', path, name)
      end
      inside, found = true, true
    elseif inside and not line:match('/%*%s*end snippet:') and
        not line:match('/%*%s*snippet:') then
      lines[#lines + 1] = line
    end
  end
  if not found then
    fail('no snippet "%s" in %s (mark it with /* snippet: %s */ ... /* end snippet: %s */)',
      name, path, name, name)
  end
  if not closed then
    fail('snippet "%s" in %s has no "/* end snippet: %s */"', name, path, name)
  end
  return table.concat(lines, '\n')
end

local function include(el)
  local path = el.attributes.include
  local name = el.attributes.snippet
  local text = read_file(path)
  if not text then
    fail('include="%s": no such file in the source tree', path)
  end
  if name then
    text = snippet_of(text, path, name)
  else
    -- A whole file: without its snippet markers, which only the book reads.
    local kept = {}
    for line in (text .. '\n'):gmatch('([^\n]*)\n') do
      if not line:match('^%s*/%*%s*end snippet:.-%*/%s*$') and
          not line:match('^%s*/%*%s*snippet:.-%*/%s*$') then
        kept[#kept + 1] = line
      end
    end
    text = table.concat(kept, '\n')
  end
  text = text:gsub('^%s*\n', ''):gsub('%s+$', '')
  el.attributes.include = nil
  el.attributes.snippet = nil
  el.text = text
  local label = '<code>' .. html_escape(path) .. '</code>'
  if name then
    label = label .. ' · ' .. html_escape(name)
  end
  return pandoc.Div({
    pandoc.RawBlock('html', '<p class="listing-file">' .. label .. '</p>'), el,
  }, pandoc.Attr('', {'listing'}))
end

------------------------------------------------------------------------
-- The filter proper.

local function has_class(el, c)
  return el.classes:includes(c)
end

local function CodeBlock(el)
  if el.attributes.include then
    if el.text:match('%S') then
      fail('the block with include="%s" must be empty: the code comes from the file',
        el.attributes.include)
    end
    return include(el)
  end
  if el.attributes.snippet then
    fail('snippet="%s" without include="FILE"', el.attributes.snippet)
  end
  if has_class(el, 'run') then
    local out = run(el.text, el)
    if el.attributes.format == 'markdown' then
      return pandoc.read(out, 'markdown').blocks
    elseif el.attributes.format then
      fail('format=%s on a run block: only format=markdown is known', el.attributes.format)
    end
    return pandoc.CodeBlock(out, pandoc.Attr('', {'output'}))
  end
end

local function Code(el)
  if has_class(el, 'run') then
    local out = run(el.text, el):gsub('%s*\n%s*', ', ')
    local inl
    if el.attributes.format == 'markdown' then
      local blocks = pandoc.read(out, 'markdown').blocks
      inl = blocks[1] and blocks[1].content or pandoc.List()
    else
      inl = {pandoc.Str(out)}
    end
    return pandoc.Span(inl, pandoc.Attr('', {'computed'}, {title = el.text}))
  end
end

local function label(text)
  return pandoc.RawBlock('html', '<p class="box-label">' .. html_escape(text) .. '</p>')
end

local function Div(el)
  if has_class(el, 'hint') then
    local summary = el.attributes.summary or 'Hint'
    local out = pandoc.List({pandoc.RawBlock('html',
      '<details class="hint"><summary>' .. html_escape(summary) .. '</summary>')})
    out:extend(el.content)
    out:insert(pandoc.RawBlock('html', '</details>'))
    return out
  elseif has_class(el, 'answers') then
    if edition ~= 'instructor' then
      return {}
    end
    el.content:insert(1, label('Answers'))
    return el
  elseif has_class(el, 'exercise') then
    local t = el.attributes.title
    el.attributes.title = nil
    el.content:insert(1, label(t and ('Exercise: ' .. t) or 'Exercise'))
    return el
  elseif has_class(el, 'search') then
    -- The search page: lunr (Debian's libjs-lunr) over docs/search-data.js,
    -- run by docs/search.js; without scripts, a note says so.
    return pandoc.RawBlock('html', [[
<form class="search-page-form" action="search.html" role="search">
<input type="search" name="q" id="search-input" aria-label="Search the book" placeholder="a word, a function, a symptom">
<button type="submit">Search</button>
</form>
<p id="search-status" class="search-status"></p>
<ol id="search-results" class="search-results"></ol>
<noscript><p class="search-status">Searching needs JavaScript. Without it, the
<a href="index.html#contents">contents</a> and each chapter's own table of
contents lead to every section.</p></noscript>
<script src="lunr.min.js"></script>
<script src="search-data.js"></script>
<script src="search.js"></script>]])
  elseif has_class(el, 'contents') then
    -- The index page's table of contents (the EPUB has its own).
    if edition == 'epub' then
      return {}
    end
    local items = {}
    for _, name in ipairs(chapters) do
      items[#items + 1] = string.format('<li value="%d"><a href="%s.html">%s</a></li>',
        chapter_number(name) or 0, name,
        pandoc.write(pandoc.Pandoc({pandoc.Plain(title_of(name))}), 'html'))
    end
    return pandoc.RawBlock('html', '<ol class="book-toc">\n' ..
      table.concat(items, '\n') .. '\n</ol>')
  end
end

-- [text](#id) to an id on another page becomes [text](page.html#id);
-- [text](04-sigmoid.md#x) becomes 04-sigmoid.html#x.
-- In the EPUB, all pages are one document: a link to another page goes to
-- its title's id, a link to an id on another page to the id.
local ids_here = {}
local function Link(el)
  local t = el.target
  local md, frag = t:match('^([%w%-_]+)%.md(#?.*)$')
  if md then
    el.target = md .. '.html' .. frag
  end
  local name, frag2 = el.target:match('^([%w%-_]+)%.html(#?.*)$')
  if name and edition == 'epub' then
    if frag2 ~= '' then
      el.target = frag2
    elseif title_ids[name] then
      el.target = '#' .. title_ids[name]
    else
      fail('the link to %s goes to no page of the book', t)
    end
    return el
  end
  if md then
    return el
  end
  local id = t:match('^#(.+)$')
  if id and not ids_here[id] then
    local other = ids_elsewhere[id]
    if not other then
      fail('the link to #%s goes nowhere: no page has {#%s}', id, id)
    end
    if edition ~= 'epub' then
      el.target = other .. '.html#' .. id
    end
    return el
  end
end

-- Bare delimiters in TeX maths: ( ) [ ] and pairs of |.  TeX never
-- stretches them (only \left, \right and \big... do), but pandoc 2.17's
-- MathML marks them stretchy, and Chromium draws a stretchy delimiter that
-- needs no stretching with wide gaps on both sides: "σ ( x )".  Written as
-- \lparen, \lbrack, \lvert ..., they come out stretchy="false", as in TeX.
local sized = {left = true, right = true, middle = true, big = true, Big = true,
  bigg = true, Bigg = true, bigl = true, bigr = true, Bigl = true, Bigr = true,
  biggl = true, biggr = true, Biggl = true, Biggr = true, sqrt = true}
local bare = {['('] = '\\lparen ', [')'] = '\\rparen ', ['['] = '\\lbrack ', [']'] = '\\rbrack '}

local function unstretch(tex)
  local bars = 0
  for i = 1, #tex do
    if tex:sub(i, i) == '|' and tex:sub(i - 1, i - 1) ~= '\\' then
      bars = bars + 1
    end
  end
  local out, i, after_sized, open_bar = {}, 1, false, true
  while i <= #tex do
    local c = tex:sub(i, i)
    if c == '\\' then
      local name = tex:match('^%a+', i + 1)
      if name then
        out[#out + 1] = '\\' .. name
        i = i + 1 + #name
        after_sized = sized[name] or false
      else
        -- \\ (a new line, maybe with [2ex]), \{, \|, \, ...: as written.
        local skip = tex:match('^\\\\%s*%b[]', i) or tex:sub(i, i + 1)
        out[#out + 1] = skip
        i = i + #skip
        after_sized = false
      end
    elseif c:match('%s') then
      out[#out + 1] = c
      i = i + 1
    else
      if after_sized then
        -- \left( or \sqrt[3]: the delimiter or argument is left alone.
        local arg = c == '[' and tex:match('^%b[]', i) or c
        out[#out + 1] = arg
        i = i + #arg
      elseif bare[c] then
        out[#out + 1] = bare[c]
        i = i + 1
      elseif c == '|' and bars % 2 == 0 then
        out[#out + 1] = open_bar and '\\lvert ' or '\\rvert '
        open_bar = not open_bar
        i = i + 1
      else
        out[#out + 1] = c
        i = i + 1
      end
      after_sized = false
    end
  end
  return table.concat(out)
end

local function Math(el)
  el.text = unstretch(el.text)
  return el
end

-- A table scrolls sideways inside its own box, never the page.
local function Table(el)
  return pandoc.Div({el}, pandoc.Attr('', {'table-wrap'}))
end

-- A ¶ link after every heading: an empty link whose mark the stylesheet
-- draws, so that the page's table of contents, made from the headings'
-- text, does not show it.
local function Header(el)
  if el.identifier ~= '' then
    el.content:insert(pandoc.Link({}, '#' .. el.identifier, '',
      pandoc.Attr('', {'anchor'}, {['aria-label'] = 'Link to this section'})))
  end
  return el
end

local function collect_ids(doc)
  local function note(el)
    if el.identifier and el.identifier ~= '' then
      ids_here[el.identifier] = true
    end
  end
  doc:walk({Header = note, Div = note, Span = note, Image = note, CodeBlock = note,
    Code = note, Link = note, Table = note})
end

local function nav_entry(name)
  return {
    href = pandoc.MetaString(name .. '.html'),
    title = pandoc.MetaInlines(title_of(name)),
    number = pandoc.MetaString(tostring(chapter_number(name) or '')),
  }
end

function Pandoc(doc)
  local meta = doc.meta
  page = pandoc.utils.stringify(meta.page or '?')
  edition = pandoc.utils.stringify(meta.edition or 'learner')
  here = (PANDOC_STATE.input_files[1] or source_of(page))
  chapters = {}
  for name in pandoc.utils.stringify(meta.chapters or ''):gmatch('%S+') do
    chapters[#chapters + 1] = name
  end
  for _, name in ipairs(chapters) do
    if name ~= page then
      scan_ids(name)
    end
  end
  for _, name in ipairs({'index', table.unpack(after_chapters)}) do
    if name ~= page then
      scan_ids(name)
    end
  end
  for _, name in ipairs(outside_order) do
    if name ~= page then
      scan_ids(name)
    end
  end

  -- The Div/CodeBlock/Code pass first: run blocks may bring new ids.
  doc = doc:walk({CodeBlock = CodeBlock, Code = Code})
  doc = doc:walk({Div = Div, Table = Table, Math = Math})
  collect_ids(doc)
  doc = doc:walk({Link = Link})

  -- The title: the page's first level-1 heading.
  local h1
  for _, b in ipairs(doc.blocks) do
    if b.t == 'Header' and b.level == 1 then
      h1 = b
      break
    end
  end
  if not h1 then
    fail('the page has no "# Title {#id}" heading')
  end
  local book = pandoc.utils.stringify(meta['book-title'] or '')
  local title = pandoc.utils.stringify(h1.content)
  meta.pagetitle = pandoc.MetaString(page == 'index' and book or (title .. ' · ' .. book))

  -- The book's table of contents, previous and next.
  local nav, pos = {}, nil
  for i, name in ipairs(chapters) do
    local e = nav_entry(name)
    if name == page then
      e.current = pandoc.MetaBool(true)
      pos = i
    end
    nav[#nav + 1] = e
  end
  meta['book-nav'] = pandoc.MetaList(nav)
  local order = {'index'}
  for _, name in ipairs(chapters) do
    order[#order + 1] = name
  end
  for _, name in ipairs(after_chapters) do
    order[#order + 1] = name
  end
  for i, name in ipairs(order) do
    if name == page then
      if order[i - 1] then
        meta.prev = nav_entry(order[i - 1])
      end
      if order[i + 1] then
        meta.next = nav_entry(order[i + 1])
      end
    end
  end
  if edition == 'epub' then
    -- One document: the chapter's number goes into its title, and the
    -- template's furniture (navigation, ¶ links) is not needed.
    if pos then
      h1.content:insert(1, pandoc.Str(tostring(chapter_number(page)) .. '.'))
      h1.content:insert(2, pandoc.Space())
    end
    doc.meta = meta
    return doc
  end
  if page == 'index' then
    meta['is-index'] = pandoc.MetaBool(true)
  elseif page == 'setup' then
    meta['is-setup'] = pandoc.MetaBool(true)
  elseif page == 'sources' then
    meta['is-sources'] = pandoc.MetaBool(true)
  elseif page == 'search' then
    meta['is-search'] = pandoc.MetaBool(true)
  end
  if pos then
    meta['chapter-number'] = pandoc.MetaString(tostring(chapter_number(page)))
  end
  if edition == 'instructor' then
    meta.instructor = pandoc.MetaBool(true)
  end

  -- The instructor's edition: the reference solution after the chapter.
  -- What this chapter's code calls, from chapters/manifest: said under its
  -- title, so a learner finishes those chapters first.
  local needed = {}
  for pair in pandoc.utils.stringify(meta.needs or ''):gmatch('%S+') do
    local who, list = pair:match('^([^:]+):(.+)$')
    if who == page then
      for name in list:gmatch('[^,]+') do
        needed[#needed + 1] = name
      end
    end
  end
  if #needed > 0 then
    local inl = pandoc.List({pandoc.Strong({pandoc.Str('Before this chapter:')}), pandoc.Space()})
    for i, name in ipairs(needed) do
      if i > 1 then
        inl:insert(pandoc.Str(i == #needed and ' and ' or ', '))
      end
      inl:insert(pandoc.Link(pandoc.List({pandoc.Str('chapter ' .. chapter_number(name) .. ', ')})
        .. title_of(name), name .. '.html'))
    end
    inl:extend({pandoc.Str(','), pandoc.Space(), pandoc.Str('whose code this chapter calls; its checks'),
      pandoc.Space(), pandoc.Str('wait for it to pass ('),
      pandoc.Code('make grade-' .. string.format('%02d', chapter_number(needed[1]))),
      pandoc.Str(').')})
    for i, b in ipairs(doc.blocks) do
      if b.t == 'Header' and b.level == 1 then
        doc.blocks:insert(i + 1, pandoc.Div({pandoc.Para(inl)}, pandoc.Attr('', {'needs'})))
        break
      end
    end
  end

  if pos and edition == 'instructor' then
    local path = 'solutions/' .. page .. '.c'
    if not read_file(path) then
      fail('the instructor edition needs %s', path)
    end
    doc.blocks:insert(pandoc.Header(2, {pandoc.Str('Reference'), pandoc.Space(),
      pandoc.Str('solution')}, pandoc.Attr(page .. '-reference-solution', {'solution'})))
    doc.blocks:insert(include(pandoc.CodeBlock('', pandoc.Attr('', {'c'},
      {include = path}))))
  end
  doc = doc:walk({Header = Header})
  doc.meta = meta
  return doc
end

return {{Pandoc = Pandoc}}
