"""The tables the chapters show, one module per family: a strand's network (network_tables.py),
rivers and corridors (strandgraph_tables.py), the wider context (context_tables.py), the
tracker (tracker_tables.py), the country profiles (country_tables.py), the strands compared
(comparison.py) and the data dictionary (datadict.py).

A table module may use the page helpers, the charts, the text room and the figure kit (for the
style table); the prose's facts and the actor pages build on tables, never the other way round.
"""
