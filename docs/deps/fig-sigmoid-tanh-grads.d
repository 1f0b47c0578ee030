docs/html/fig/sigmoid-tanh-grads.svg:docs/bin/activate 
