docs/html/fig/relu.svg:docs/bin/activate 
