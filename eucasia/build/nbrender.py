"""myst-nb renderer that gives each figure the alt text its notebook wrote from the data.

myst-nb applies only width and height from an output's metadata; `eucasia.presentation.display.show_figure`
stores the alt text there too, and this renderer (registered as the `eucasia` render plugin in
pyproject.toml, selected by `nb_render_plugin` in _config.yml) puts it on the image.
"""

from __future__ import annotations

from docutils import nodes
from myst_nb.core.render import MimeData, NbElementRenderer


class AltTextRenderer(NbElementRenderer):
    """The default renderer, plus alt text from the output's metadata."""

    def render_image(self, data: MimeData) -> list[nodes.Element]:
        rendered = super().render_image(data)
        alt = data.output_metadata.get(data.mime_type, {}).get("alt")
        if alt:
            for node in rendered:
                node["alt"] = str(alt)
        return rendered
