docs/html/fig/softmax-temperature.svg:./docs/figures/softmax-temperature.sh docs/bin/activate 
