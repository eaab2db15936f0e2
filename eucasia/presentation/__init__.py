"""The presentation layer: what a page shows, from data and analyses, in rooms by job.

From the ground up (a room imports its own modules and the rooms below it, never beside or
above; tests/test_layers.py holds it):

* :mod:`~eucasia.presentation.figurekit` and :mod:`~eucasia.presentation.text`: what every
  drawing is made with (the one style table, canvas, layout, labels, legends, figure files), and
  how a value is written for a reader (the one rounding, money, escaping, reader text);
* :mod:`~eucasia.presentation.charts`: the figures, drawn with the kit;
* :mod:`~eucasia.presentation.page`: tables and figures put on a page with the data behind each,
  and the explorer's data;
* :mod:`~eucasia.presentation.tables`: the tables the chapters show;
* :mod:`~eucasia.presentation.prose` and :mod:`~eucasia.presentation.actors`: the facts the prose
  glues and checks of its claims; the actor pages and their index.

It may import the data and analysis layers, never the assembly layer.
"""
