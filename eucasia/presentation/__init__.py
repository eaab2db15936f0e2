"""The presentation layer: what a page shows, from data and analyses.

One style table (:mod:`~eucasia.presentation.style`) that drawings and legends both read;
layout, labels, legends and network figures; charts; tables for the pages; money formatting;
the facts the prose glues and the checks of its qualitative claims; and
:mod:`~eucasia.presentation.display`, which puts tables and figures on a page. It may import the
data and analysis layers, never the assembly layer.
"""
