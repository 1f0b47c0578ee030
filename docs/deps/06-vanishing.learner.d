docs/html/06-vanishing.html:./docs/figures/vanishing-depth.sh ./exercises/06-vanishing.c ./include/chain.h docs/bin/activate 
