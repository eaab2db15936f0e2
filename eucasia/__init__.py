"""Shared code of the open book on the EU Strategy on Central Asia.

Data loading and validation (`eucasia.data`), network building and metrics (`eucasia.graphs`,
`eucasia.metrics`, `eucasia.robustness`), figures and tables for the pages
(`eucasia.figures`, `eucasia.display`). Notebooks import from here; nothing here imports a
notebook.
"""
