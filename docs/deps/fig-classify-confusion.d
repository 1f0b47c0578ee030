docs/html/fig/classify-confusion.svg:./docs/figures/classify-confusion.sh docs/bin/accuracy docs/bin/classify 
