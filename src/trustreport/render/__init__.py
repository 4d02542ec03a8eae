"""The render stage: the staged Quarto project (stage.py, with the generated appendix pages) and the engines that turn
it into a site and a PDF (engines.py: quarto.py, embedded.py), in the frame of frame.py."""
