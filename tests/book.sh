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
#     a reference solution after every chapter.
# Without pandoc, gnuplot, chromium, linkchecker or python3 it reports SKIP.
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

work=$(mktemp -d "${TMPDIR:-/tmp}/book-test.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

# The pages: index, each chapter that exists, setup, sources.
chapters=
for c in $CHAPTERS; do
	if test -f "$srcdir/chapters/$c.md"; then
		chapters="$chapters $c"
	else
		echo "# chapters/$c.md does not exist yet: not checked"
	fi
done
pages="index $chapters setup sources"

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
# template without JavaScript, so its pages are checked as pandoc wrote them.
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

# The Python checks, renumbered into this script's TAP stream.
while read -r word rest; do
	case $word in
	ok) ok "${rest#* - }" ;;
	not) r=${rest#ok }; not_ok "${r#* - }" ;;
	esac
done <"$work/dom.tap"
grep '^#' "$work/dom.tap"

if test $lc_status -eq 0 && grep -q ' 0 warnings found\. 0 errors found\.' "$work/linkchecker.out"; then
	ok "linkchecker: every internal link, anchor and image resolves ($(grep -o '[0-9]* links in [0-9]* URLs' "$work/linkchecker.out"))"
else
	not_ok "linkchecker found broken links, anchors or images"
	grep -v '^WARNING linkcheck.check.*root user\|^INFO ' "$work/linkchecker.out" | sed 's/^/# /'
fi

echo "1..$n"
test $failed -eq 0
