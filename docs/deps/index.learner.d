docs/html/index.html:
