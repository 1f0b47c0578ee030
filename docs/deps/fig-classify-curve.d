docs/html/fig/classify-curve.svg:docs/bin/accuracy docs/bin/classify 
