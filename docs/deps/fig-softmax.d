docs/html/fig/softmax.svg:docs/bin/activate 
