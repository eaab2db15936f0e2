"""The assembly layer: what Sphinx and make need, never imported by a notebook.

It is not called ``build`` because common tools take a folder of that name for build output
(pytest does not collect it, the usual Python ``.gitignore`` ignores it).

Cache keys from each notebook's real inputs, the edition's metadata, the notebook renderer that
carries alt text, graph exports and downloads, writing files only when their bytes change, and
the site's post-processing (`eucasia.assembly.site`). Code here runs at build time only (the Sphinx
extensions in `book/_ext/` call it and keep only the wiring to Sphinx's events and
configuration), so it can be tested without a build: its functions take text or paths and return
text or bytes.
"""
