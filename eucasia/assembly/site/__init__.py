"""Post-processing of the built HTML site: light, fast, and readable offline.

`book/_ext/eucasia_site.py` wires these modules into Sphinx; each does one job:

- `markup`: locates tags, attributes and comments with Python's HTML parser, and splices
  edits into the original text, so a page changes only where it is meant to.
- `css`: reads stylesheets with tinycss2, keeping each token's place in the text.
- `purge`: cuts stylesheets to the rules whose classes the site uses.
- `usage`: the class names the built site can put on an element (pages and shipped scripts).
- `fonts`: cuts Font Awesome's fonts down to the icons the pages use.
- `assets`: the cut stylesheets and fonts of a site, kept under a key of their inputs.
- `pages`: per-page rewrites (assets a page does not use, scripts fetched after the first
  paint, lazy figures, a small blocking script inlined).
- `bundle`: one stylesheet a page, joining the sheets it links in their order.
- `staticcopy`: whether a file of `html_static_path` changed since Sphinx last copied it.
- `tables`: words of table cells and captions kept whole; long cells marked as prose.
- `figures`: each figure image linked to its own file, so that it opens at full size.
- `offline`: finds the tags and styles that would make a browser fetch from another host.
- `sitemap`: completes sphinx-sitemap's sitemap after an incremental build; robots.txt.
- `redirect`: the root index.html that redirects to the book's first page.
"""
