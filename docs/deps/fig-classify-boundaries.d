docs/html/fig/classify-boundaries.svg:docs/bin/accuracy docs/bin/classify 
