"""The build's driver, stage by stage: the plan make reads (plan.py), running the chapters (execute.py), and the tables
stage and assembly (build.py), which stages, renders and swaps the site and PDF in."""
