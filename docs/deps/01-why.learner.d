docs/html/01-why.html:./exercises/01-why.c ./tests/01-why.c docs/bin/activate docs/bin/properties 
