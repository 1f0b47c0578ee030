#!/bin/sh
# book.sh: the HTML book read as a reader would (TAP).  make check builds
# both editions first (docs/local.mk); this test then checks, in the build
# tree:
#   - every page is there, and pandoc printed no warning for any of them;
#   - linkchecker finds every internal link, anchor and image;
#   - each page, rendered by headless Chromium, has text, shows no raw TeX
#     ($, \frac ...) outside MathML and code, each <img> is a real SVG and
#     each in-page link has its anchor;
#   - the learner's edition has no answers, the instructor's has them and
#     a reference solution after every chapter;
#   - the book speaks of its sources by name: no "seed" for a source article,
#     no "issue" for how the book was made;
#   - the EPUB (make epub) is a well-formed EPUB whose links and images
#     resolve;
#   - in a real browser (tests/book-browser.py: Selenium and chromedriver),
#     page widths at 390 and 1280 px, maths drawn upright where asked, the
#     maths font, ¶ links and copy buttons, the pages with scripts off, and
#     chapter 11's decision boundaries against their data.
# Without pandoc, gnuplot, chromium, linkchecker or python3 it reports SKIP;
# without python3-selenium or chromium-driver, only the browser checks do.
set -u
: "${srcdir:=.}"
: "${CHAPTERS:=}"

for tool in pandoc gnuplot chromium linkchecker python3; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "1..0 # SKIP $tool is not installed (apt-get install $tool)"
		exit 0
	fi
done

n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }
# relay FILE: the ok / not ok lines of a helper, renumbered into this stream.
relay() {
	while read -r word rest; do
		case $word in
		ok) ok "${rest#* - }" ;;
		not) r=${rest#ok }; not_ok "${r#* - }" ;;
		esac
	done <"$1"
}

work=$(mktemp -d "${TMPDIR:-/tmp}/book-test.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

# The pages: index, each chapter that exists, setup, sources, search.
chapters=
for c in $CHAPTERS; do
	if test -f "$srcdir/chapters/$c.md"; then
		chapters="$chapters $c"
	else
		echo "# chapters/$c.md does not exist yet: not checked"
	fi
done
pages="index $chapters setup sources search"

for ed in html html-instructor; do
	missing=
	for p in $pages; do
		test -s "docs/$ed/$p.html" || missing="$missing $p.html"
	done
	if test -z "$missing"; then
		ok "docs/$ed/ has every page ($(echo $pages | wc -w))"
	else
		not_ok "docs/$ed/ lacks$missing (make html / make html-instructor)"
	fi
done

# pandoc's messages for every page (docs/page.sh keeps them).
logs=
for p in $pages; do
	logs="$logs docs/logs/$p.learner.log docs/logs/$p.instructor.log"
done
if grep -l 'WARNING\|ERROR' $logs >"$work/warned" 2>/dev/null; then
	not_ok "pandoc printed warnings: $(tr '\n' ' ' <"$work/warned")"
	sed 's/^/# /' $(cat "$work/warned")
else
	ok "pandoc printed no warning"
fi

# linkchecker on the learner's edition, in the background while Chromium
# renders the pages (the instructor's edition is checked by the Python
# below: same template, same links, and linkchecker is slow).  Its
# AnchorCheck plugin checks every #fragment; it runs as nobody when root.
# Each line of highlighted code links to itself (#cb3-12): those thousands
# of self-links are left to the in-page anchor check below, which is quick.
printf '[AnchorCheck]\n' >"$work/linkcheckerrc"
chmod -R a+rX "$work"
linkchecker -f "$work/linkcheckerrc" --no-status --no-robots -t 8 \
	--ignore-url='#cb[0-9]+-[0-9]+$' \
	docs/html/index.html \
	>"$work/linkchecker.out" 2>&1 &
lc_pid=$!

# Chromium renders each page of the learner's edition (the DOM after
# loading, one browser per core).  The instructor's edition is the same
# template, whose script only adds copy buttons and figure links, so its
# pages are checked as pandoc wrote them.
for p in $pages; do
	echo "docs/html/$p.html $work/html-$p.dom"
done >"$work/render"
xargs -P "$(nproc 2>/dev/null || echo 2)" -n 2 sh -c '
	d=$(mktemp -d "${TMPDIR:-/tmp}/book-chromium.XXXXXX")
	timeout 60 chromium --headless --no-sandbox --disable-gpu \
		--disable-background-networking --disable-component-update \
		--disable-sync --no-first-run --user-data-dir="$d" \
		--dump-dom "file://$PWD/$0" >"$1" 2>"$1.err"
	rm -rf "$d"' <"$work/render"
{
	cat "$work/render"
	for p in $pages; do
		echo "docs/html-instructor/$p.html docs/html-instructor/$p.html"
	done
} >"$work/list"

python3 - "$work/list" "$chapters" >"$work/dom.tap" <<'EOF'
import os, re, sys, xml.dom.minidom
from html.parser import HTMLParser

listing, chapters = sys.argv[1], sys.argv[2].split()
SKIP = {'math', 'code', 'pre', 'script', 'style', 'title'}
# The book's making is not its subject: "seed" only for random numbers.
VOCABULARY = re.compile(
    r"\bseed['\u2019]s|\bseeds['\u2019]|\b(?:first|second|third|fourth|fifth)\s+seed\b|"
    r"\b(?:the|a|one|another|this|that|each|which|our)\s+seeds?\s+(?:articles?|texts?|sources?|authors?|"
    r"says|said|shows?|showed|writes|wrote|"
    r"gives|uses|claims|calls|lists|puts|sketches|opens|draws|does|rounds|agrees?|argues|works)\b|"
    r"\b(?:one|two|three|four|five|all|both|each|several|another) of the seeds\b|\bthe seeds\b(?!\s+\d)|"
    r"\bissues?\s+(?:#\s*)?\d+|\bissue tracker\b|\bcommissioned\b|"
    r"\b(?:the|this|that|an|our)\s+issues?\s+(?:that|which)\b", re.I)
TEX = re.compile(r'\$|\\(frac|dfrac|sigma|sum|mathbf|mathrm|operatorname|left|right|cdot|infty|partial|tanh|exp|log|sqrt|alpha|begin|end)\b|\\[a-zA-Z]{2,}\{')

class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.text, self.raw, self.imgs, self.ids = [], [], [], [], set()
        self.links, self.classes, self.in_main = [], [], 0
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if 'id' in a: self.ids.add(a['id'])
        if tag == 'a' and 'name' in a: self.ids.add(a['name'])
        if tag == 'img': self.imgs.append(a.get('src', ''))
        if tag == 'a' and 'href' in a: self.links.append(a['href'])
        self.classes.extend((a.get('class') or '').split())
        if tag == 'main': self.in_main += 1
        if tag not in ('img', 'br', 'hr', 'meta', 'link', 'input', 'col', 'wbr', 'source'):
            self.stack.append(tag)
    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag: pass
        if tag == 'main': self.in_main -= 1
    def handle_data(self, data):
        if self.in_main and not SKIP.intersection(self.stack):
            self.text.append(data)

n = failed = 0
def check(good, what):
    global n, failed
    n += 1
    if not good: failed += 1
    print(('ok' if good else 'not ok') + ' %d - %s' % (n, what))

pages = {}
for line in open(listing):
    page, dom = line.split()
    name = os.path.basename(page)[:-5]
    instructor = '/html-instructor/' in page
    try:
        html = open(dom, encoding='utf-8').read()
    except OSError:
        html = ''
    p = Page(); p.feed(html)
    text = ' '.join(''.join(p.text).split())
    check(len(text) > 200, '%s renders with text (%d characters)' % (page, len(text)))
    m = TEX.search(text)
    check(not m, '%s shows no raw TeX%s' % (page, ': ...%s...' % text[max(0, m.start()-40):m.end()+40] if m else ''))
    m = VOCABULARY.search(text)
    check(not m, '%s names its sources, not "seeds", and says nothing of "issues"%s' % (page, ': ...%s...' % text[max(0, m.start()-50):m.end()+50] if m else ''))
    bad = []
    for src in p.imgs:
        f = os.path.join(os.path.dirname(page), src)
        try:
            doc = xml.dom.minidom.parse(f)
            if doc.documentElement.tagName != 'svg' or os.path.getsize(f) < 200:
                bad.append(src + ' (not an SVG)')
        except Exception as e:
            bad.append('%s (%s)' % (src, e))
    check(not bad, '%s: its %d images load%s' % (page, len(p.imgs), ': ' + ', '.join(bad) if bad else ''))
    # Anchors within the page (linkchecker checks those across pages too).
    dangling = [h for h in p.links if h.startswith('#') and h[1:] not in p.ids]
    check(not dangling, '%s: in-page links reach their anchors%s' % (page, ': ' + ' '.join(dangling) if dangling else ''))
    pages[page] = p
    if name in chapters:
        has_answers = 'answers' in p.classes
        has_solution = (name + '-reference-solution') in p.ids
        if instructor:
            check(has_solution, '%s ends with the reference solution' % page)
        else:
            check(not has_answers and not has_solution,
                  '%s shows no answers and no solution' % page)
# Links between pages, both editions: the file and its anchor exist.
for page, p in list(pages.items()):
    bad = []
    for h in p.links:
        if h.startswith('#') or re.match(r'[a-z]+:', h):
            continue
        f, _, frag = h.partition('#')
        target = os.path.normpath(os.path.join(os.path.dirname(page), f))
        if not os.path.isfile(target):
            bad.append(h)
        elif frag:
            q = pages.get(target)
            if q is None:
                q = Page(); q.feed(open(target, encoding='utf-8').read()); pages[target] = q
            if frag not in q.ids:
                bad.append(h)
    check(not bad, '%s: links to other pages reach them%s' % (page, ': ' + ' '.join(sorted(set(bad))) if bad else ''))
print('# %d DOM checks, %d failed' % (n, failed))
EOF
wait "$lc_pid"
lc_status=$?

# The EPUB: a zip whose first entry is the uncompressed mimetype, every
# XHTML file well-formed, maths as MathML, every chapter in it, and every
# link and image inside it resolving.
epub=$(ls docs/*.epub 2>/dev/null | head -n 1)
python3 - "$epub" "$chapters" >"$work/epub.tap" <<'EOF'
import os, re, sys, zipfile, xml.dom.minidom
path, chapters = sys.argv[1], sys.argv[2].split()
def check(good, what, detail=''):
    print('%s - %s%s' % ('ok' if good else 'not ok', what, (': ' + detail) if detail and not good else ''))
if not path:
    check(False, 'make epub made an EPUB in docs/')
    sys.exit(0)
z = zipfile.ZipFile(path)
first = z.infolist()[0]
check(first.filename == 'mimetype' and first.compress_type == zipfile.ZIP_STORED and
      z.read('mimetype') == b'application/epub+zip', '%s starts with its mimetype, uncompressed' % path)
pages, ids, bad_xml = {}, {}, []
for name in z.namelist():
    if name.endswith('.xhtml'):
        try:
            doc = xml.dom.minidom.parseString(z.read(name))
        except Exception as e:
            bad_xml.append('%s (%s)' % (name, e))
            continue
        pages[name] = doc
        ids[name] = set(e.getAttribute('id') for e in doc.getElementsByTagName('*') if e.getAttribute('id'))
check(pages and not bad_xml, '%s: its %d XHTML files are well-formed' % (path, len(pages)), ', '.join(bad_xml[:3]))
maths = sum(len(d.getElementsByTagName('math')) for d in pages.values())
check(maths > 100, '%s has its maths as MathML (%d formulas)' % (path, maths))
every_id = set().union(*ids.values()) if ids else set()
heads = [h for d in pages.values() for h in d.getElementsByTagName('h1')]
check(len(heads) >= len(chapters), '%s has a title for every chapter (%d)' % (path, len(heads)))
broken = []
for name, doc in pages.items():
    here = os.path.dirname(name)
    for a in doc.getElementsByTagName('a'):
        href = a.getAttribute('href')
        if not href or re.match(r'[a-z]+:', href):
            continue
        f, _, frag = href.partition('#')
        target = os.path.normpath(os.path.join(here, f)) if f else name
        if target not in ids or (frag and frag not in ids[target]):
            broken.append(href)
    for img in doc.getElementsByTagName('img'):
        src = os.path.normpath(os.path.join(here, img.getAttribute('src')))
        if src not in z.namelist():
            broken.append(img.getAttribute('src'))
check(not broken, '%s: every link and image inside it resolves' % path, ' '.join(sorted(set(broken))[:8]))
EOF

# The Python checks, renumbered into this script's TAP stream.
relay "$work/dom.tap"
grep '^#' "$work/dom.tap"
relay "$work/epub.tap"

# The browser checks need Selenium and chromedriver (Debian's python3-selenium
# and chromium-driver); the first python3 that can import selenium runs them.
browser_python=
for p in python3 /usr/bin/python3; do
	if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import selenium' 2>/dev/null; then
		browser_python=$p
		break
	fi
done
if test -z "$browser_python"; then
	n=$((n + 1)); echo "ok $n - browser checks # SKIP python3-selenium is not installed (apt-get install python3-selenium chromium-driver)"
elif ! command -v chromedriver >/dev/null 2>&1; then
	n=$((n + 1)); echo "ok $n - browser checks # SKIP chromedriver is not installed (apt-get install chromium-driver)"
else
	"$browser_python" "$srcdir/tests/book-browser.py" docs $pages >"$work/browser.tap" 2>"$work/browser.err"
	status=$?
	relay "$work/browser.tap"
	grep '^#' "$work/browser.tap"
	if test $status -ne 0; then
		not_ok "tests/book-browser.py ran to its end (exit $status)"
		sed 's/^/# /' "$work/browser.err"
	fi
fi

if test $lc_status -eq 0 && grep -q ' 0 warnings found\. 0 errors found\.' "$work/linkchecker.out"; then
	ok "linkchecker: every internal link, anchor and image resolves ($(grep -o '[0-9]* links in [0-9]* URLs' "$work/linkchecker.out"))"
else
	not_ok "linkchecker found broken links, anchors or images"
	grep -v '^WARNING linkcheck.check.*root user\|^INFO ' "$work/linkchecker.out" | sed 's/^/# /'
fi

echo "1..$n"
test $failed -eq 0
