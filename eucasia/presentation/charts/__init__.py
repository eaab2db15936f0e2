"""The book's charts, each drawn with the figure kit: network and affiliation figures, the
timeline, the strategy's structure and agreements at a glance (plain_charts.py), the tracker's,
the synthesis' and the country profiles' figures.

A chart imports the figure kit and other charts, never a table, a page helper or the text room;
its numbers arrive already computed by the analysis layer.
"""
