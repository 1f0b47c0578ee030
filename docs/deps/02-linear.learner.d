docs/html/02-linear.html:./exercises/02-linear.c ./tests/02-linear.c docs/bin/activate 
