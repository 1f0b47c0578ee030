docs/html/fig/sigmoid.svg:docs/bin/activate 
