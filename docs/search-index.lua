--[[ search-index.lua: one page's entries for the book's search page.
Run by docs/local.mk as
  pandoc SOURCE.md --lua-filter=docs/search-index.lua --metadata=page:NAME -t html
it replaces the page by a script fragment, one line per section (the title
and each "##" section):
  BOOK_SEARCH.push({href: "04-sigmoid.html#sigmoid-derivative", page: "Sigmoid",
    title: "The derivative", text: "..."});
docs/search-data.js is these fragments one after the other, read by
docs/search.js.  The text is what a learner reads: code listings, computed
numbers and the instructor's answers are left out. ]]

-- A JavaScript string literal.
local function js_string(s)
  s = s:gsub('[%c"\\]', function(c)
    if c == '\n' then
      return '\\n'
    elseif c == '"' or c == '\\' then
      return '\\' .. c
    end
    return ' '
  end)
  return '"' .. s .. '"'
end

local function plain(blocks)
  local text = pandoc.write(pandoc.Pandoc(blocks), 'plain', {wrap_text = 'none'})
  return (text:gsub('%s+', ' '):gsub('^ ', ''):gsub(' $', ''))
end

-- What the index leaves out.
local filter = {
  CodeBlock = function() return {} end,
  Code = function(el)
    if el.classes:includes('run') then
      return {}
    end
  end,
  Div = function(el)
    if el.classes:includes('answers') then
      return {}
    end
  end,
}

function Pandoc(doc)
  local page = pandoc.utils.stringify(doc.meta.page or '')
  if page == '' then
    error('search-index.lua: no page name (--metadata=page:NAME)', 0)
  end
  doc = doc:walk(filter)
  local sections, current = {}, nil
  local page_title = ''
  for _, b in ipairs(doc.blocks) do
    if b.t == 'Header' and b.level <= 2 then
      local title = pandoc.utils.stringify(b.content)
      if b.level == 1 then
        page_title = title
      end
      current = {id = b.identifier, title = title, blocks = {}}
      sections[#sections + 1] = current
    elseif current then
      current.blocks[#current.blocks + 1] = b
    end
  end
  local lines = {}
  for _, sec in ipairs(sections) do
    local href = page .. '.html' .. (sec.id ~= '' and ('#' .. sec.id) or '')
    lines[#lines + 1] = string.format(
      'BOOK_SEARCH.push({href: %s, page: %s, title: %s, text: %s});',
      js_string(href), js_string(page_title), js_string(sec.title),
      js_string(plain(sec.blocks)))
  end
  return pandoc.Pandoc({pandoc.RawBlock('html', table.concat(lines, '\n'))})
end

return {{Pandoc = Pandoc}}
