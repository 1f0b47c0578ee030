docs/html/setup.html:docs/bin/activate 
