docs/html/fig/leaky-max.svg:docs/bin/activate 
