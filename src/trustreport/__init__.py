"""trustreport: a reproducible report on e-commerce consumer trust and Kuaishou's 616 festival."""

__version__ = "0.1.0"
