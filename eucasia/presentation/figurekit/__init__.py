"""The figure kit: what every drawing of the book is made with, and nothing drawn yet.

The one style table (style.py: palette, actor types and markers, strand colours, type sizes),
the canvas (canvas.py: figure scaffolding and row heights), layout (node positions, marker sizes,
stacking), labels (short names, wrapping, placement without overlaps), slots (names beside marks
on a time axis: the one rule of the timeline and the country figures), legends (and the one
maker of legend marks and swatches), typed nodes, alt text for network figures, byte-stable figure files (figfile.py) and the SVG's embedded fonts
(svgfonts.py, fontsubset.py). A module here imports only this kit: a chart may use the kit,
never the other way round (tests/test_layers.py).
"""
