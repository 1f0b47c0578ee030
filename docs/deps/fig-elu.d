docs/html/fig/elu.svg:docs/bin/activate 
