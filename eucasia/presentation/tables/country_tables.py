"""Country profiles: each Central Asian state's agreements, indicators, funding and positions."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from eucasia.analysis.milestones import MILESTONE_ORDER, state_milestones
from eucasia.analysis.network import StrandResult
from eucasia.analysis.strandgraphs import POSITION_ORDER
from eucasia.presentation.text.money import format_money
from eucasia.presentation.text.readertext import cite_sources
from eucasia.presentation.text.shown import Shown

INDICATOR_LABELS = {
    "population": "Population",
    "gdp_current_usd": "GDP, current US dollars",
    "eu_share_of_trade_pct": "EU share of the country's total trade",
    "remittances_share_of_gdp_pct": "Remittances, share of GDP",
    "eu_trade_goods_eur": "Trade in goods with the EU",
    "eu_exports_goods_eur": "EU exports of goods to the country",
    "eu_imports_goods_eur": "EU imports of goods from the country",
    "eu_gsp_plus_preferential_imports_eur": "EU imports using GSP+ preferences",
}


def format_value(value: float, unit: str) -> str:
    """A figure as a reader writes it: '19.9 million', 'USD 80.4 billion', '28%'.

    An amount of money carries its number and currency (a `Shown` cell), so the table's
    download writes the number beside the text in a column of its own (`value_eur`,
    `value_usd`): a spreadsheet gets amounts it can sort and sum, never "EUR 4.35 billion" alone.

    Examples
    --------
    >>> cell = format_value(4.35e9, "EUR")
    >>> str(cell), cell.sort, cell.unit
    ('EUR 4.35 billion', 4350000000.0, 'eur')
    >>> format_value(28, "percent"), format_value(19944726, "persons")
    ('28%', '19.9 million')
    """
    if unit.startswith("percent"):
        return f"{value:g}%"
    if unit in {"EUR", "USD"}:
        text = format_money(value, unit)
        return Shown(text, data=text, sort=float(value), unit=unit.lower())
    if value >= 1e6:
        return f"{value / 1e6:,.1f} million".replace(".0 million", " million")
    return f"{value:,.0f}"


def central_asian_states(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """The five states: code, name and actor id, in alphabetical order."""
    countries = tables["countries"]
    return (
        countries[countries["group"] == "central_asia"].sort_values("name").reset_index(drop=True)
    )


def latest_milestone(tables: Mapping[str, pd.DataFrame], code: str, agreement_type: str) -> str:
    """'signed 2015-12-21' for the furthest documented milestone of a country's agreement.

    Examples
    --------
    >>> from eucasia.data import load_tables
    >>> latest_milestone(load_tables(["agreement_milestones"]), "KAZ", "PCA")
    'in force 1999'
    """
    agreements = tables["agreements"]
    ids = agreements.loc[
        (agreements["country_code"] == code) & (agreements["agreement_type"] == agreement_type),
        "agreement_id",
    ]
    steps = tables["agreement_milestones"]
    steps = steps[steps["agreement_id"].isin(ids)]
    if steps.empty:
        return "none documented" if len(ids) else "no agreement"
    furthest = (
        steps.assign(order=steps["milestone"].map(MILESTONE_ORDER.index))
        .sort_values(["order", "date"])
        .iloc[-1]
    )
    return f"{furthest['milestone'].replace('_', ' ')} {furthest['date']}"


def latest_indicator(tables: Mapping[str, pd.DataFrame], code: str, indicator: str) -> str:
    rows = tables["indicators"]
    rows = rows[
        (rows["country_code"] == code) & (rows["indicator"] == indicator) & rows["value"].notna()
    ]
    if rows.empty:
        return ""
    row = rows.sort_values("year").iloc[-1]
    return f"{format_value(float(row['value']), row['unit'])} ({row['year']})"


def overview_table(
    tables: Mapping[str, pd.DataFrame], results: Mapping[str, StrandResult]
) -> pd.DataFrame:
    """One row per state: agreements, size, its own links in the strategy, rivers and corridors.

    Examples
    --------
    >>> from eucasia.analysis.corpus import Corpus
    >>> from eucasia.analysis.network import strand_analysis
    >>> from eucasia.data import load_tables
    >>> from eucasia.data.vocabulary import STRANDS
    >>> tables = load_tables(["initiative_actors", "agreement_milestones", "indicators", "rivers",
    ...                       "corridor_countries"])
    >>> corpus = Corpus.from_tables(tables)
    >>> results = {s: strand_analysis(corpus, s, robustness=False) for s in STRANDS}
    >>> overview = overview_table(tables, results)
    >>> len(overview), list(overview.columns[:2])
    (5, ['country', 'EPCA'])
    """
    rows = []
    links = tables["initiative_actors"]
    for code, name, actor in zip(
        *(central_asian_states(tables)[c] for c in ("country_code", "name", "actor_id")),
        strict=True,
    ):
        rivers = tables["rivers"][tables["rivers"]["country_code"] == code]
        rows.append(
            {
                "country": name,
                "EPCA": latest_milestone(tables, code, "EPCA"),
                "PCA": latest_milestone(tables, code, "PCA"),
                "population": latest_indicator(tables, code, "population"),
                "initiatives naming it": int((links["actor_id"] == actor).sum()),
                "strand networks it is in": sum(actor in r.projection for r in results.values()),
                "rivers (upstream / midstream / downstream)": river_positions(rivers),
                "corridors": int((tables["corridor_countries"]["country_code"] == code).sum()),
            }
        )
    return pd.DataFrame(rows)


def at_a_glance(overview: pd.DataFrame) -> pd.DataFrame:
    """:func:`overview_table` turned to one column a state, which five columns side by side fit
    where eight attributes would not; its first column is headed by what it holds, the
    ``indicator`` of each row (headed ``country``, it read as a column of countries, on the page
    and in the download, above "EPCA", "PCA", "population").

    Examples
    --------
    >>> import pandas as pd
    >>> at_a_glance(pd.DataFrame({"country": ["A", "B"], "PCA": ["in force", "signed"]}))
      indicator         A       B
    0       PCA  in force  signed
    """
    return overview.set_index("country").T.reset_index(names="indicator").rename_axis(columns=None)


def river_positions(rivers: pd.DataFrame) -> str:
    """A state's river rows counted by position, every position the river table codes.

    Midstream counts too: Turkmenistan is midstream on the Amu Darya, and a cell of
    upstream / downstream only showed it on no river at all.

    Examples
    --------
    >>> river_positions(pd.DataFrame({"position": ["midstream", "upstream", "upstream"]}))
    '2 / 1 / 0'
    """
    unknown = set(rivers["position"]) - set(POSITION_ORDER)
    if unknown:
        raise ValueError(f"river positions {sorted(unknown)} are not among {list(POSITION_ORDER)}")
    return " / ".join(str(int((rivers["position"] == p).sum())) for p in POSITION_ORDER)


#: The milestone cell of an agreement the data holds without any dated milestone.
UNDATED = "no dated milestone sourced"


def agreements_table(tables: Mapping[str, pd.DataFrame], code: str) -> pd.DataFrame:
    """A state's agreements with every documented milestone, its date and its source.

    Examples
    --------
    >>> from eucasia.data import load_tables
    >>> table = agreements_table(load_tables(["agreement_milestones"]), "KAZ")
    >>> list(table.columns)
    ['agreement', 'milestone', 'date', 'source', 'note']
    >>> agreements_table(load_tables(["agreement_milestones"]), "UZB").iloc[-1, :3].tolist()
    ['interim trade agreement', 'no dated milestone sourced', None]
    """
    ids = set(tables["sources"]["source_id"])
    steps = state_milestones(tables, code)  # the figure's order too (tests/test_figure_real.py)
    dated = pd.DataFrame(
        {
            "agreement": steps["agreement_type"].str.replace("_", " "),
            "milestone": steps["milestone"].str.replace("_", " "),
            "date": steps["date"],
            "source": [f"{{cite}}`{s}`" for s in steps["source_id"]],
            "note": [cite_sources(n, ids) for n in steps["note"]],
        }
    )
    # an agreement the data holds with no dated milestone is still the state's agreement: listed
    # with its own note (Uzbekistan's interim trade agreement: in force, dates not sourced)
    agreements = tables["agreements"]
    undated = agreements[
        (agreements["country_code"] == code)
        & ~agreements["agreement_id"].isin(tables["agreement_milestones"]["agreement_id"])
    ]
    rest = pd.DataFrame(
        {
            "agreement": undated["agreement_type"].str.replace("_", " "),
            "milestone": UNDATED,
            "date": None,
            "source": None,
            "note": [cite_sources(n, ids) if isinstance(n, str) else n for n in undated["note"]],
        }
    )
    return pd.concat([dated, rest], ignore_index=True) if len(rest) else dated


def indicators_table(tables: Mapping[str, pd.DataFrame], code: str) -> pd.DataFrame:
    """A state's indicators, most recent year first within each indicator, with sources.

    Examples
    --------
    >>> from eucasia.data import load_tables
    >>> list(indicators_table(load_tables(["indicators"]), "KAZ").columns)
    ['indicator', 'year', 'value', 'source', 'note']
    """
    ids = set(tables["sources"]["source_id"])
    rows = tables["indicators"]
    rows = rows[(rows["country_code"] == code)].sort_values(
        ["indicator", "year"], ascending=[True, False]
    )
    return pd.DataFrame(
        {
            "indicator": rows["indicator"].map(
                lambda i: INDICATOR_LABELS.get(i, i.replace("_", " "))
            ),
            "year": rows["year"].astype(int).astype(str),
            "value": [
                format_value(float(v), u) if pd.notna(v) else t
                for v, u, t in zip(rows["value"], rows["unit"], rows["value_text"], strict=True)
            ],
            "source": [f"{{cite}}`{s}`" for s in rows["source_id"]],
            "note": [
                cite_sources(n, ids, u if u in {"EUR", "USD"} else None)
                for n, u in zip(rows["note"], rows["unit"], strict=True)
            ],
        }
    ).reset_index(drop=True)


def funding_for(tables: Mapping[str, pd.DataFrame], code: str) -> pd.DataFrame:
    """Bilateral allocations and packages for one state.

    Examples
    --------
    >>> from eucasia.data import load_tables
    >>> list(funding_for(load_tables(["funding", "countries"]), "KAZ").columns)
    ['programme or package', 'period', 'amount', 'source', 'note']
    """
    from eucasia.presentation.tables.context_tables import funding_table

    table = funding_table(tables)
    name = tables["countries"].set_index("country_code").loc[code, "name"]
    return table[table["scope"] == name].drop(columns=["scope"]).reset_index(drop=True)
