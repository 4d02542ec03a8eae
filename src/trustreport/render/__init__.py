"""The render stage: run the chapters, stage the Quarto project, render it (Quarto or the embedded engine), publish."""
