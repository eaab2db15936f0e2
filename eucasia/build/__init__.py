"""The build layer: what Sphinx and make need, never imported by a notebook.

Cache keys from each notebook's real inputs, the edition's metadata, the notebook renderer that
carries alt text, graph exports and downloads, and writing files only when their bytes change.
"""
