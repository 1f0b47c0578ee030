docs/html/10-choosing.html:./exercises/10-choosing.c docs/bin/properties 
