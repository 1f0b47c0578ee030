/* search.js: the search page (search.html).  docs/search-data.js, made when
 * the book is built, fills BOOK_SEARCH with one entry per section; lunr
 * (Debian's libjs-lunr, copied beside the pages) indexes them here, in the
 * reader's browser, so searching works from file:// with no server and no
 * network.  The query is the page's ?q= (the forms of every page send it)
 * or what is typed in the box. */
(function () {
	'use strict';
	var docs = window.BOOK_SEARCH || [];
	var input = document.getElementById('search-input');
	var status = document.getElementById('search-status');
	var list = document.getElementById('search-results');
	if (!window.lunr || !input) {
		return;
	}
	var index = lunr(function () {
		this.ref('n');
		this.field('title', { boost: 5 });
		this.field('page', { boost: 2 });
		this.field('text');
		this.metadataWhitelist = ['position'];
		docs.forEach(function (d, n) {
			this.add({ n: String(n), title: d.title, page: d.page, text: d.text });
		}, this);
	});

	// A few words of TEXT round the first match, the match marked.
	function excerpt(text, where) {
		var p = document.createElement('p');
		p.className = 'search-excerpt';
		if (!where) {
			p.textContent = text.slice(0, 160) + (text.length > 160 ? '…' : '');
			return p;
		}
		var start = where[0], end = where[0] + where[1];
		var from = Math.max(0, start - 70), to = Math.min(text.length, end + 90);
		p.appendChild(document.createTextNode((from > 0 ? '…' : '') + text.slice(from, start)));
		var mark = document.createElement('mark');
		mark.textContent = text.slice(start, end);
		p.appendChild(mark);
		p.appendChild(document.createTextNode(text.slice(end, to) + (to < text.length ? '…' : '')));
		return p;
	}

	function search(query) {
		try {
			return index.search(query);
		} catch (e) {
			// lunr's query syntax (field:, ~, ^, +, -): read as plain words.
			return index.search(query.replace(/[:~^+\-*]/g, ' '));
		}
	}

	function show(query) {
		list.textContent = '';
		if (!query.trim()) {
			status.textContent = docs.length + ' sections are searched.';
			return;
		}
		var hits = search(query);
		status.textContent = hits.length ?
			hits.length + (hits.length === 1 ? ' section matches' : ' sections match') + ' “' + query + '”.' :
			'No section matches “' + query + '”.';
		hits.slice(0, 50).forEach(function (hit) {
			var d = docs[Number(hit.ref)];
			var where = null;
			var meta = hit.matchData.metadata;
			Object.keys(meta).some(function (term) {
				if (meta[term].text && meta[term].text.position) {
					where = meta[term].text.position[0];
					return true;
				}
				return false;
			});
			var item = document.createElement('li');
			var link = document.createElement('a');
			link.href = d.href;
			link.textContent = d.title === d.page ? d.page : d.page + ': ' + d.title;
			item.appendChild(link);
			item.appendChild(excerpt(d.text, where));
			list.appendChild(item);
		});
	}

	var query = new URLSearchParams(window.location.search).get('q') || '';
	input.value = query;
	show(query);
	input.addEventListener('input', function () { show(input.value); });
})();
