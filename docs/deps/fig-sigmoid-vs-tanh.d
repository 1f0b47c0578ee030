docs/html/fig/sigmoid-vs-tanh.svg:docs/bin/activate 
