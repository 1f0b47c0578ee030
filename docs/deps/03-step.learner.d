docs/html/03-step.html:./exercises/03-step.c ./tests/03-step.c docs/bin/activate docs/bin/classify 
