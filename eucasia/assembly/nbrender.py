"""myst-nb renderer: alt text from the data on each figure, and the data under each table and figure.

myst-nb applies only width and height from an output's metadata; `eucasia.presentation.page.display.show_figure`
stores the alt text there too, and this renderer (registered as the `eucasia` render plugin in
pyproject.toml, selected by `nb_render_plugin` in _config.yml) puts it on the image.

`show_table` and `show_figure` also store the CSV of what the item shows (under
`eucasia.presentation.page.downloads.DATA_KEY`); the renderer puts the web-only download and citation
block under the table, and under the figure's SVG (the PDF takes the figure's PDF output, which
has none). See `eucasia.assembly.datafiles`.
"""

from __future__ import annotations

from docutils import nodes
from myst_nb.core.render import MimeData, NbElementRenderer

from eucasia.assembly import datafiles
from eucasia.assembly.edition import read_edition
from eucasia.presentation.page.downloads import DATA_KEY


class AltTextRenderer(NbElementRenderer):
    """The default renderer, plus alt text from the output's metadata and the data block."""

    def render_image(self, data: MimeData) -> list[nodes.Element]:
        rendered = super().render_image(data)
        alt = data.output_metadata.get(data.mime_type, {}).get("alt")
        if alt:
            for node in rendered:
                node["alt"] = str(alt)
        if data.mime_type == "image/svg+xml":
            figure = self.renderer.get_cell_level_config(
                "render_figure_options", data.cell_metadata, line=data.line
            )
            name = (figure or {}).get("name")
            rendered += self._data_block(data, "figure", str(name) if name else None)
        return rendered

    def render_markdown(self, data: MimeData) -> list[nodes.Element]:
        rendered = super().render_markdown(data)
        tables = [n for n in rendered if isinstance(n, nodes.table)]
        name = tables[0]["names"][0] if len(tables) == 1 and tables[0]["names"] else None
        return rendered + self._data_block(data, "table", name)

    def _data_block(self, data: MimeData, kind: str, name: str | None) -> list[nodes.Element]:
        payload = data.output_metadata.get(DATA_KEY)
        env = getattr(self.renderer.document.settings, "env", None)
        if not payload or not name or env is None:
            return []
        baseurl = getattr(env.config, "html_baseurl", "") or ""
        return [datafiles.block(kind, name, env.docname, baseurl, read_edition(), payload)]
