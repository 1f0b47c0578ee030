docs/html/fig/vanishing-depth.svg:./docs/figures/vanishing-depth.sh docs/bin/activate 
