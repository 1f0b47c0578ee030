docs/html/fig/rrelu.svg:docs/bin/activate 
