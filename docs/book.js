/* book.js: what on a page needs a script: a "Copy" button on every code
 * listing, and each figure a link to itself at full size (to zoom into on a
 * phone).  The book reads fully without it: with scripts off, listings are
 * simply listings and figures simply figures. */
(function () {
	'use strict';

	// Copy TEXT, then call DONE(true) or DONE(false).  The clipboard API
	// where the browser allows it (file:// counts as secure in most), else
	// the old selection route.
	function copy(text, done) {
		function fallback() {
			var area = document.createElement('textarea');
			var ok = false;
			area.value = text;
			area.setAttribute('readonly', '');
			area.style.position = 'fixed';
			area.style.opacity = '0';
			document.body.appendChild(area);
			area.select();
			try {
				ok = document.execCommand('copy');
			} catch (e) {
				ok = false;
			}
			document.body.removeChild(area);
			done(ok);
		}
		if (navigator.clipboard && window.isSecureContext) {
			navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
		} else {
			fallback();
		}
	}

	document.querySelectorAll('main pre').forEach(function (pre) {
		// The button goes in the listing's label bar (file and snippet)
		// when it has one; else in the top corner of a box round the code,
		// outside the part that scrolls sideways, above the first line.
		var box = pre.parentElement;
		var listing = pre.closest('.listing');
		var label = listing && listing.querySelector('.listing-file');
		if (label) {
			box = label;
		} else {
			if (!box.classList.contains('sourceCode')) {
				box = document.createElement('div');
				box.className = 'code-box';
				pre.parentElement.insertBefore(box, pre);
				box.appendChild(pre);
			}
			box.classList.add('copy-host');
		}
		var button = document.createElement('button');
		button.type = 'button';
		button.className = 'copy-button';
		button.textContent = 'Copy';
		button.setAttribute('aria-label', 'Copy this listing');
		button.addEventListener('click', function () {
			copy(pre.innerText.replace(/\n+$/, ''), function (ok) {
				button.textContent = ok ? 'Copied' : 'Select and copy';
				setTimeout(function () { button.textContent = 'Copy'; }, 1500);
			});
		});
		box.appendChild(button);
	});

	document.querySelectorAll('main figure > img').forEach(function (img) {
		var link = document.createElement('a');
		link.href = img.getAttribute('src');
		link.className = 'figure-zoom';
		link.title = 'The figure at full size';
		img.parentElement.insertBefore(link, img);
		link.appendChild(img);
	});
})();
