docs/html/fig/leaky-family.svg:docs/bin/activate 
