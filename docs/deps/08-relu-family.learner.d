docs/html/08-relu-family.html:./exercises/08-relu-family.c ./include/rng.h docs/bin/activate 
