docs/html/05-tanh.html:./exercises/05-tanh.c docs/bin/accuracy docs/bin/activate docs/bin/properties 
