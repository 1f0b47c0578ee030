docs/html/fig/tanh.svg:docs/bin/activate 
