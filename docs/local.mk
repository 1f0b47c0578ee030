# The HTML book (issue 3).
