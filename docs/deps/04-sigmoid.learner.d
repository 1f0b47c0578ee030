docs/html/04-sigmoid.html:./exercises/04-sigmoid.c docs/bin/accuracy docs/bin/activate 
