docs/html/fig/relu-vs-saturating.svg:docs/bin/activate 
