"""Putting things on a page: tables and figures shown so they work in HTML, the PDF and Jupyter
(display.py), the data behind each as a CSV payload (downloads.py), and the interactive network
explorer's data (explorer.py).

It may use the figure kit, the text room and the charts; tables and actor pages build on it.
"""
