docs/html/fig/step.svg:docs/bin/activate 
