docs/html/fig/linear.svg:docs/bin/activate 
