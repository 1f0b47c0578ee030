docs/html/07-relu.html:./exercises/07-relu.c ./tests/07-relu.c docs/bin/activate 
