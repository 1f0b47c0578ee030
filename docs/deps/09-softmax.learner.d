docs/html/09-softmax.html:./exercises/09-softmax.c ./tests/09-softmax.c docs/bin/activate 
