#!/usr/bin/env python3
"""book-browser.py: the built book in a real browser, headless Chromium driven
through Selenium (Debian's python3-selenium and chromium-driver).  Run by
tests/book.sh in the build tree:

    book-browser.py DOCS_DIR PAGE...     (PAGE: index, 04-sigmoid, ...)

It prints TAP lines (ok / not ok, no plan: book.sh numbers them) for:
  - layout, at 390 px (a phone) and 1280 px (a laptop), both editions: no page
    is wider than the window; nothing is cut off; only a listing, a table,
    an equation or the card scrolls sideways, inside its own box; and at
    1280 px no equation or table scrolls, and a listing only if one of its
    lines is longer than 100 columns;
  - maths: no MathML identifier shows a word as separate italic letters (as
    \\mathrm{softmax} did in Chromium), and the maths font shipped with the
    book is loaded;
  - reader features: a ¶ link on every heading, a copy button on every
    listing, and with scripts off every page still reads (no buttons, the
    search page says it needs scripts);
  - the decision boundaries of chapter 11 agree with their data: read from
    the rendered figure, the background under each test point has the
    point's colour about as often as the panel's title says (its test
    accuracy), and where the network is accurate the centre is the inner
    class's blue and the corners the outer class's orange.
"""
import os
import re
import sys
import xml.dom.minidom

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

WIDTHS = (390, 1280)
MAX_COLUMNS = 100   # a listing line this long fits at 1280 px
BLUE, ORANGE = (8, 119, 189), (245, 147, 34)   # the figure's class colours

n_failed = 0


def check(good, what, detail=''):
    global n_failed
    if not good:
        n_failed += 1
    print('%s - %s%s' % ('ok' if good else 'not ok', what,
                         (': ' + detail) if detail and not good else ''))
    sys.stdout.flush()


def browser(scripts=True):
    options = webdriver.ChromeOptions()
    for arg in ('--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars',
                '--disable-background-networking', '--disable-component-update',
                '--disable-sync', '--no-first-run'):
        options.add_argument(arg)
    if not scripts:
        options.add_experimental_option(
            'prefs', {'profile.managed_default_content_settings.javascript': 2})
    return webdriver.Chrome(service=Service(os.environ.get('CHROMEDRIVER', 'chromedriver')),
                            options=options)


def url(path):
    return 'file://' + os.path.abspath(path)


# What overflows on a page, in the browser: the page's own width, boxes that
# hide part of their content, boxes that scroll sideways (with the longest
# line of a listing, in columns, tabs at 8).
LAYOUT = r'''
function kind(e) {
  if (e.tagName === 'PRE' || e.classList.contains('sourceCode')) return 'listing';
  if (e.tagName.toLowerCase() === 'math') return 'equation';
  if (e.classList.contains('table-wrap')) return 'table';
  if (e.closest('.card')) return 'card';
  return 'other';
}
function columns(text) {
  var most = 0;
  text.split('\n').forEach(function (line) {
    var c = 0;
    for (var ch of line) c = ch === '\t' ? c + 8 - c % 8 : c + 1;
    most = Math.max(most, c);
  });
  return most;
}
function name(e) {
  return e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : '') +
    ' "' + e.textContent.trim().replace(/\s+/g, ' ').slice(0, 50) + '"';
}
var doc = document.documentElement, out = {page: doc.scrollWidth, window: doc.clientWidth, cut: [], scrolls: []};
document.querySelectorAll('main *').forEach(function (e) {
  var s = getComputedStyle(e);
  if (s.display === 'none' || e.closest('details:not([open])')) return;
  var wide = e.scrollWidth > e.clientWidth + 1, tall = e.scrollHeight > e.clientHeight + 1;
  if ((wide && (s.overflowX === 'hidden' || s.overflowX === 'clip')) ||
      (tall && (s.overflowY === 'hidden' || s.overflowY === 'clip')))
    out.cut.push(name(e));
  if (wide && (s.overflowX === 'auto' || s.overflowX === 'scroll'))
    out.scrolls.push({kind: kind(e), columns: columns(e.textContent), name: name(e)});
});
return out;
'''

# Runs of single letters in MathML that the browser draws in italics: each
# as [letters, whether the TeX asked for upright type (mathvariant normal)].
ITALIC_RUNS = r'''
var runs = [];
function italic(e) {
  if (e.tagName.toLowerCase() !== 'mi' || !/^[A-Za-z]$/.test(e.textContent)) return false;
  var s = getComputedStyle(e);
  return s.textTransform === 'math-auto' || s.fontStyle === 'italic';
}
document.querySelectorAll('math, math *').forEach(function (p) {
  var run = [];
  function flush() {
    if (run.length >= 2) {
      var upright = !!run[0].closest('[mathvariant="normal"]');
      runs.push([run.map(function (e) { return e.textContent; }).join(''), upright]);
    }
    run = [];
  }
  for (var c of p.children) {
    if (italic(c)) run.push(c); else flush();
  }
  flush();
});
return runs;
'''

FONT = r'''
var done = arguments[arguments.length - 1];
document.fonts.ready.then(function () {
  var faces = [];
  document.fonts.forEach(function (f) { faces.push([f.family.replace(/"/g, ''), f.status]); });
  done({maths: document.querySelectorAll('math').length, faces: faces});
});
'''

FEATURES = r'''
var headings = Array.from(document.querySelectorAll('main h1[id], main h2[id], main h3[id], main h4[id]'));
var bare = headings.filter(function (h) {
  var a = h.querySelector('a.anchor');
  return !a || a.getAttribute('href') !== '#' + h.id;
}).map(function (h) { return h.id; });
var pres = Array.from(document.querySelectorAll('main pre'));
var plain = pres.filter(function (p) {
  var listing = p.closest('.listing');
  return !(listing ? listing.querySelector('.listing-file > .copy-button')
                   : p.parentElement.querySelector(':scope > .copy-button'));
}).length;
return {headings: headings.length, bare: bare, listings: pres.length, without: plain,
  buttons: document.querySelectorAll('.copy-button').length,
  text: document.querySelector('main') ? document.querySelector('main').innerText.length : 0,
  noscript: Array.from(document.querySelectorAll('main noscript')).map(function (n) { return n.textContent; }).join(' ')};
'''


def layout(driver, pages, edition):
    for width in WIDTHS:
        driver.set_window_size(width, 900)
        for path in pages:
            driver.get(url(path))
            r = driver.execute_script(LAYOUT)
            where = '%s at %d px' % (path, width)
            check(r['page'] <= r['window'], '%s is no wider than the window' % where,
                  'the page is %d px wide' % r['page'])
            check(not r['cut'], '%s cuts nothing off' % where, '; '.join(r['cut'][:3]))
            bad = [s for s in r['scrolls'] if s['kind'] == 'other']
            check(not bad, '%s: only listings, tables and equations scroll sideways' % where,
                  '; '.join(s['name'] for s in bad[:3]))
            if width >= 1280:
                bad = [s for s in r['scrolls'] if s['kind'] in ('equation', 'table', 'card') or
                       (s['kind'] == 'listing' and s['columns'] <= MAX_COLUMNS)]
                check(not bad, '%s: no equation, table or listing of at most %d columns '
                      'scrolls' % (where, MAX_COLUMNS),
                      '; '.join('%s (%s, %d columns)' % (s['name'], s['kind'], s['columns'])
                                for s in bad[:3]))


def maths(driver, pages):
    driver.set_window_size(1280, 900)
    for path in pages:
        driver.get(url(path))
        runs = driver.execute_script(ITALIC_RUNS)
        # A word asked for upright (\mathrm) but drawn as italic letters, or
        # three italic letters in a row, which reads as a word, not a product.
        bad = sorted(set(word for word, upright in runs if upright or len(word) >= 3))
        check(not bad, '%s: no MathML identifier shows a word as separate italic letters' % path,
              ', '.join(bad[:8]) + ' (write \\operatorname{...} for a name)')
        font = driver.execute_async_script(FONT)
        if font['maths']:
            loaded = [f for f in font['faces'] if f[0] == 'Book Math' and f[1] == 'loaded']
            check(loaded, '%s: the maths font shipped with the book is loaded' % path,
                  'faces: %s' % font['faces'])


def features(driver, pages, scripts):
    driver.set_window_size(1280, 900)
    for path in pages:
        driver.get(url(path))
        r = driver.execute_script(FEATURES)
        check(not r['bare'], '%s: every heading (%d) has its ¶ link%s' % (path, r['headings'],
              '' if scripts else ', scripts off'),
              'none on ' + ', '.join(r['bare'][:5]))
        if scripts:
            check(r['without'] == 0, '%s: every listing (%d) has a copy button' % (path, r['listings']),
                  '%d without' % r['without'])
        else:
            check(r['text'] > 200 and r['buttons'] == 0,
                  '%s reads with scripts off (%d characters, no buttons)' % (path, r['text']),
                  '%d characters, %d buttons' % (r['text'], r['buttons']))
            if os.path.basename(path) == 'search.html':
                check('JavaScript' in r['noscript'], '%s says that searching needs scripts' % path)


# The decision-boundary figure.  From the SVG: each panel's <image> (the
# network's probability, as a picture), the test points drawn over it
# (<use ... color=...> after that image) and its title.  The browser reads
# the picture's pixels under each point.
PIXELS = r'''
var jobs = arguments[0], done = arguments[arguments.length - 1];
Promise.all(jobs.map(function (job) {
  return new Promise(function (resolve) {
    var img = new Image();
    img.onload = function () {
      var c = document.createElement('canvas');
      c.width = img.naturalWidth; c.height = img.naturalHeight;
      var g = c.getContext('2d');
      g.drawImage(img, 0, 0);
      var d = g.getImageData(0, 0, c.width, c.height).data;
      resolve(job.at.map(function (p) {
        var x = Math.min(c.width - 1, Math.max(0, Math.floor(p[0] * c.width)));
        var y = Math.min(c.height - 1, Math.max(0, Math.floor(p[1] * c.height)));
        var k = 4 * (y * c.width + x);
        return [d[k], d[k + 1], d[k + 2]];
      }));
    };
    img.onerror = function () { resolve(null); };
    img.src = job.href;
  });
})).then(done);
'''


def colour_class(rgb):
    """Which side of white a pixel of the palette orange - white - blue is."""
    r, g, b = rgb[:3]
    if b - r > 2:
        return 'blue'
    if r - b > 2:
        return 'orange'
    return 'neither'


def text_of(node):
    return ''.join(c.data if c.nodeType == c.TEXT_NODE else text_of(c) for c in node.childNodes)


def translation(node):
    """(x, y) of the nearest translate() on NODE or around it, in SVG units."""
    while node is not None and node.nodeType == node.ELEMENT_NODE:
        m = re.search(r'translate\(([-\d.]+),([-\d.]+)\)', node.getAttribute('transform'))
        if m:
            return float(m.group(1)), float(m.group(2))
        node = node.parentNode
    return None


def boundaries(driver, svg_path):
    name = os.path.basename(svg_path)
    try:
        doc = xml.dom.minidom.parse(svg_path)
    except Exception as e:
        check(False, '%s can be read' % name, str(e))
        return
    panels, titles = [], []
    for node in doc.getElementsByTagName('*'):
        if node.tagName == 'image':
            panels.append({'box': [float(node.getAttribute(k)) for k in ('x', 'y', 'width', 'height')],
                           'href': node.getAttribute('xlink:href'), 'points': []})
        elif node.tagName == 'use' and node.getAttribute('color') and panels:
            where = translation(node)
            rgb = tuple(int(v) for v in re.findall(r'\d+', node.getAttribute('color')))
            if where and rgb in (BLUE, ORANGE):
                panels[-1]['points'].append(where + ('blue' if rgb == BLUE else 'orange',))
        elif node.tagName == 'text':
            m = re.search(r'test accuracy ([\d.]+)', text_of(node))
            where = translation(node)
            if m and where:
                titles.append((where[0], where[1], float(m.group(1)), text_of(node).split(':')[0]))
    check(len(panels) == 4 and all(p['points'] for p in panels),
          '%s has four panels with their test points' % name,
          '%d panels, points per panel %s' % (len(panels), [len(p['points']) for p in panels]))
    if not panels:
        return
    jobs = []
    for p in panels:
        bx, by, bw, bh = p['box']
        # The title is the one above this panel, nearest to it.
        above = [t for t in titles if bx <= t[0] <= bx + bw and t[1] < by]
        p['title'] = min(above, key=lambda t: by - t[1]) if above else None
        at = [((x - bx) / bw, (y - by) / bh) for x, y, _ in p['points']]
        # The centre of the grid (0, 0) and its four corners.
        at += [(0.5, 0.5), (0.01, 0.01), (0.99, 0.01), (0.01, 0.99), (0.99, 0.99)]
        jobs.append({'href': p['href'], 'at': at})
    driver.get('about:blank')
    pixels = driver.execute_async_script(PIXELS, jobs)
    for p, px in zip(panels, pixels):
        label = p['title'][3] if p['title'] else '?'
        if px is None or p['title'] is None:
            check(False, '%s, panel %s: its picture and title can be read' % (name, label))
            continue
        accuracy = p['title'][2]
        under = [colour_class(c) for c in px[:len(p['points'])]]
        agree = sum(1 for (_, _, cls), bg in zip(p['points'], under) if cls == bg) / len(under)
        # The background is the network's answer and the dots the truth, so
        # they agree as often as the network is right; pale pixels near the
        # boundary count as disagreeing, hence the one-sided margin.
        check(accuracy - 0.1 <= agree <= accuracy + 0.01,
              '%s, panel %s: the background under the test points has their colour as often as '
              'the title says (%.3f, title %.4f)' % (name, label, agree, accuracy),
              '%.3f of %d points' % (agree, len(under)))
        if accuracy >= 0.95:
            centre, corners = colour_class(px[-5]), [colour_class(c) for c in px[-4:]]
            check(centre == 'blue' and corners == ['orange'] * 4,
                  '%s, panel %s: blue at the centre, where the inner class is, and orange at the '
                  'corners' % (name, label), 'centre %s, corners %s' % (centre, corners))


def main():
    docs, names = sys.argv[1], sys.argv[2:]
    learner = [os.path.join(docs, 'html', n + '.html') for n in names]
    instructor = [os.path.join(docs, 'html-instructor', n + '.html') for n in names]
    driver = browser()
    try:
        layout(driver, learner, 'learner')
        layout(driver, instructor, 'instructor')
        maths(driver, learner)
        features(driver, learner, scripts=True)
        boundaries(driver, os.path.join(docs, 'html', 'fig', 'classify-boundaries.svg'))
    finally:
        driver.quit()
    driver = browser(scripts=False)
    try:
        features(driver, learner, scripts=False)
    finally:
        driver.quit()
    print('# browser checks: %d failed' % n_failed)


if __name__ == '__main__':
    main()
