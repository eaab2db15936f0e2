"""The analysis layer: validated tables in, graphs, metrics and robustness out.

:class:`~eucasia.analysis.corpus.Corpus` holds the coded strategy the networks are built from;
:mod:`~eucasia.analysis.graphs` builds bipartite graphs and projections,
:mod:`~eucasia.analysis.metrics` measures them, :mod:`~eucasia.analysis.robustness` tests how
far rankings depend on single coding decisions, :mod:`~eucasia.analysis.network` runs all of it
for one strand, and :mod:`~eucasia.analysis.strandgraphs` builds the rivers, corridors and
dialogue-format graphs. It never imports the presentation or assembly layers.
"""
