"""The one source of the data package's descriptor: data/datapackage.json is its output.

Edit the definitions below, never the JSON: run `python tools/datapackage_src.py` and commit
both files. The loader, the tests and the data dictionary read the JSON (a data package must
carry its descriptor); tests/test_data.py::test_descriptor_is_generated_from_its_source fails
when the JSON is not exactly what this file builds.
"""

from __future__ import annotations

import json
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "data" / "datapackage.json"

ACTOR_TYPES = [
    "eu_institution",
    "eu_member_states",
    "central_asian_state",
    "central_asian_collective",
    "neighbour_state",
    "third_country",
    "international_organisation",
    "un_body",
    "financial_institution",
    "civil_society",
    "private_sector",
    "parliament",
    "academia_youth",
    "other",
]
ROLES = ["lead", "partner", "beneficiary", "funder", "forum"]
PRECISION = ["day", "month", "year"]
#: Kinds of coded text in the 2025 declaration: the 2019 kinds, and statements (no undertaking).
DECLARATION_KINDS = ["specific_initiative", "commitment", "statement"]
#: What the 2025 declaration did with an earlier area (definitions in declaration_crosswalk).
DECLARATION_RELATIONS = ["kept", "gained_emphasis", "dropped", "new", "undetermined"]
TRACKER_STATUSES = [  # from most to least delivered: the order decision rule 5 uses
    "delivered",
    "partly_delivered",
    "under_way",
    "announced_only",
    "superseded",
    "no_public_evidence",
]


def f(
    name,
    description,
    type="string",
    required=False,
    enum=None,
    pattern=None,
    fmt=None,
    unit=None,
    minimum=None,
    maximum=None,
    unique=False,
    max_length=None,
):
    field = {"name": name, "type": type, "description": description}
    if fmt:
        field["format"] = fmt
    if unit:
        field["unit"] = unit
    constraints = {}
    if required:
        constraints["required"] = True
    if enum:
        constraints["enum"] = enum
    if pattern:
        constraints["pattern"] = pattern
    if minimum is not None:
        constraints["minimum"] = minimum
    if maximum is not None:
        constraints["maximum"] = maximum
    if unique:
        constraints["unique"] = True
    if max_length is not None:
        constraints["maxLength"] = max_length
    if constraints:
        field["constraints"] = constraints
    return field


def source(required=True):
    return f(
        "source_id",
        "The document this row states, a key of the sources table (and of the bibliography).",
        required=required,
    )


def note():
    return f(
        "note",
        "Caveats, uncertainty, disagreement between sources, or the reason for a coding judgement.",
    )


def locator():
    return f("locator", "Where in the source the fact is found (section, bullet, page).")


PARTIAL_DATE = r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"


def date(name, description, required=True):
    """A date kept at its known precision (Table Schema has no such type: a pattern plus a flag)."""
    field = f(
        name,
        description + " ISO 8601 at the precision known: YYYY-MM-DD, YYYY-MM or YYYY.",
        required=required,
        pattern=PARTIAL_DATE,
    )
    field["x-partialDate"] = True
    return field


def after(field, bound):
    """A date that must fall after `bound` (exclusive): checked by eucasia.data.crossrules."""
    field["x-after"] = bound
    return field


def precision():
    return f(
        "date_precision",
        "Precision of the date: day, month or year.",
        required=True,
        enum=PRECISION,
    )


def fk(fields, resource, ref=None):
    return {"fields": fields, "reference": {"resource": resource, "fields": ref or fields}}


SRC_FK = fk("source_id", "sources")

RESOURCES = [
    (
        "sources",
        "Documents cited by the data and the book; each has a bibliography entry whose key is its source_id.",
        [
            f(
                "source_id",
                "Identifier, also the BibTeX key in book/references.bib.",
                required=True,
                pattern=r"[a-z0-9_]+",
            ),
            f("title", "Title of the document.", required=True),
            f("publisher", "Issuing institution or publisher."),
            date("date", "Publication date.", required=False),
            f("url", "Where the document can be found.", fmt="uri"),
            f(
                "language",
                "Language of the edition used (ISO 639-1).",
                required=True,
                enum=["en", "sv", "ru", "fr", "de", "nl", "mt", "it"],
            ),
            f("local_file", "File name under shared/sources/ when the project holds a copy."),
            note(),
        ],
        "source_id",
        [],
    ),
    (
        "countries",
        "Countries and regions referred to by code in the context tables.",
        [
            f(
                "country_code",
                "ISO 3166-1 alpha-3 code, or CA for Central Asia as a region and EU for the European Union.",
                required=True,
                pattern=r"[A-Z]{2,3}",
            ),
            f("name", "English short name.", required=True),
            f(
                "group",
                "Grouping used in the book.",
                required=True,
                enum=["central_asia", "neighbour", "region", "other"],
            ),
            f(
                "actor_id",
                "The matching actor, when the country is an actor in the strategy networks.",
            ),
        ],
        "country_code",
        [fk("actor_id", "actors")],
    ),
    (
        "strands",
        "The overarching priority and the three priority strands of the 2019 strategy.",
        [
            f(
                "strand_id",
                "Identifier.",
                required=True,
                enum=["regional", "resilience", "prosperity", "together"],
            ),
            f(
                "number",
                "Number of the strand in the strategy (0 for the overarching priority).",
                type="integer",
                required=True,
                minimum=0,
            ),
            f("title", "English title.", required=True),
            f("summary", "What the strand is about, paraphrased.", required=True),
            source(),
            locator(),
        ],
        "strand_id",
        [SRC_FK],
    ),
    (
        "areas",
        "The numbered sections of the strategy (0 stands for the overarching priority, which has no number).",
        [
            f(
                "area_id",
                "Section number as text (0, 1.1 … 3.3).",
                required=True,
                pattern=r"0|[1-3]\.[1-4]",
            ),
            f("strand_id", "The strand the section belongs to.", required=True),
            f(
                "title",
                "English title, rendered from the Swedish heading (see note).",
                required=True,
            ),
            f("title_sv", "Heading in the Swedish edition that was coded.", required=True),
            source(),
            locator(),
            note(),
        ],
        "area_id",
        [fk("strand_id", "strands"), SRC_FK],
    ),
    (
        "initiatives",
        "Every specific initiative listed at the end of each section, and the main commitments of each section's prose, paraphrased.",
        [
            f(
                "initiative_id",
                "Identifier: section, kind (SI specific initiative, C commitment), ordinal.",
                required=True,
                pattern=r"(0|[1-3]\.[1-4])-(SI|C)-\d{2}",
            ),
            f("area_id", "Section.", required=True),
            f(
                "kind",
                "specific_initiative: a bullet of the section's list of specific initiatives; commitment: a commitment in the section's prose.",
                required=True,
                enum=["specific_initiative", "commitment"],
            ),
            f(
                "ordinal",
                "Position within its section and kind, in source order.",
                type="integer",
                required=True,
                minimum=1,
            ),
            f("summary", "English paraphrase in the book's own words.", required=True),
            locator(),
            source(),
            note(),
        ],
        "initiative_id",
        [fk("area_id", "areas"), SRC_FK],
    ),
    (
        "actors",
        "Every actor the sources name as acting or being engaged.",
        [
            f("actor_id", "Identifier.", required=True, pattern=r"[a-z0-9_]+"),
            f(
                "name",
                "English name: unique (pages link an actor by its name), at most 400 characters "
                "(a bound against runaway values: figures and the PDF label actors with it).",
                required=True,
                unique=True,
                max_length=400,
            ),
            f("actor_type", "Kind of actor.", required=True, enum=ACTOR_TYPES),
            f(
                "scope",
                "Reach of the actor.",
                required=True,
                enum=["eu", "central_asia", "national", "regional", "global"],
            ),
            f("country_code", "ISO 3166-1 alpha-3 code for a state.", pattern=r"[A-Z]{3}"),
            note(),
        ],
        "actor_id",
        [],
    ),
    (
        "initiative_actors",
        "Links between initiatives and actors: the bipartite edges of the actor networks.",
        [
            f("initiative_id", "Initiative.", required=True),
            f("actor_id", "Actor.", required=True),
            f("role", "What the actor does in the initiative.", required=True, enum=ROLES),
            f(
                "basis",
                "explicit: named in the passage; implied: inferred, with the reason in note.",
                required=True,
                enum=["explicit", "implied"],
            ),
            locator(),
            source(),
            note(),
        ],
        ["initiative_id", "actor_id"],
        [fk("initiative_id", "initiatives"), fk("actor_id", "actors"), SRC_FK],
    ),
    (
        "instruments",
        "Policy, legal and financial instruments named in the strategy.",
        [
            f("instrument_id", "Identifier.", required=True, pattern=r"[a-z0-9_]+"),
            f("name", "English name.", required=True),
            f(
                "kind",
                "Kind of instrument.",
                required=True,
                enum=[
                    "legal_agreement",
                    "trade_preference",
                    "funding_programme",
                    "financing_facility",
                    "education_research_programme",
                    "dialogue_format",
                    "policy_framework",
                    "technical_assistance_programme",
                    "other",
                ],
            ),
            f("description", "What it is, paraphrased.", required=True),
            source(),
            locator(),
            note(),
        ],
        "instrument_id",
        [SRC_FK],
    ),
    (
        "initiative_instruments",
        "Which instruments the strategy ties to which initiatives.",
        [
            f("initiative_id", "Initiative.", required=True),
            f("instrument_id", "Instrument.", required=True),
            f(
                "basis",
                "explicit or implied (reason in note).",
                required=True,
                enum=["explicit", "implied"],
            ),
            locator(),
            source(),
            note(),
        ],
        ["initiative_id", "instrument_id"],
        [fk("initiative_id", "initiatives"), fk("instrument_id", "instruments"), SRC_FK],
    ),
    (
        "timeline",
        "Dated milestones of EU–Central Asia relations from 2007 to today, with the earlier and wider events the 2019 text cites as its background.",
        [
            f(
                "event_id",
                "Identifier: date and a short slug.",
                required=True,
                pattern=r"[0-9]{4}(-[0-9]{2}){0,2}-[a-z0-9\-]+",
            ),
            date("date", "When it happened."),
            precision(),
            f(
                "kind",
                "Kind of event.",
                required=True,
                enum=[
                    "strategy",
                    "council_conclusions",
                    "communication",
                    "ministerial_meeting",
                    "leaders_meeting",
                    "summit",
                    "political_dialogue",
                    "cooperation_council",
                    "parliamentary_committee",
                    "agreement_milestone",
                    "parliament_resolution",
                    "programming",
                    "forum",
                    "parliament_consent",
                    "investment_package",
                    "financing_agreement",
                    "connectivity_platform",
                    "other",
                ],
            ),
            f("title", "Short title.", required=True),
            f("place", "Where it took place, when relevant and known."),
            f("summary", "What happened, paraphrased.", required=True),
            source(),
            note(),
        ],
        "event_id",
        [SRC_FK],
    ),
    (
        "agreements",
        "Legal agreements between the EU and each Central Asian state.",
        [
            f("agreement_id", "Identifier.", required=True, pattern=r"[a-z0-9_]+"),
            f("country_code", "The Central Asian party.", required=True),
            f(
                "agreement_type",
                "PCA (1990s Partnership and Cooperation Agreement), EPCA (Enhanced PCA), or an interim trade agreement.",
                required=True,
                enum=["PCA", "EPCA", "interim_trade_agreement", "other"],
            ),
            f("name", "Full name.", required=True),
            note(),
        ],
        "agreement_id",
        [fk("country_code", "countries")],
    ),
    (
        "agreement_milestones",
        "Dated milestones of each agreement (one row per sourced milestone).",
        [
            f("agreement_id", "Agreement.", required=True),
            f(
                "milestone",
                "Stage reached.",
                required=True,
                enum=[
                    "negotiations_launched",
                    "negotiations_concluded",
                    "initialled",
                    "signed",
                    "provisionally_applied",
                    "in_force",
                ],
            ),
            date("date", "When."),
            precision(),
            source(),
            note(),
        ],
        ["agreement_id", "milestone"],
        [fk("agreement_id", "agreements"), SRC_FK],
    ),
    (
        "agreement_ratification",
        "Steps of the EU procedure and of ratification for each agreement that the agreement_milestones vocabulary does not cover (Council mandate and decisions, provisional application, Parliament's committee and consent votes, the partner's ratification).",
        [
            f("agreement_id", "Agreement.", required=True),
            f(
                "step",
                "Procedural step.",
                required=True,
                enum=[
                    "council_negotiating_mandate",
                    "council_decision_signature",
                    "provisionally_applied",
                    "parliament_committee_recommendation",
                    "parliament_consent",
                    "council_decision_conclusion",
                    "partner_ratification",
                ],
            ),
            date("date", "When."),
            precision(),
            source(),
            note(),
        ],
        ["agreement_id", "step"],
        [fk("agreement_id", "agreements"), SRC_FK],
    ),
    (
        "eu_special_representatives",
        "The EU Special Representatives for Central Asia and their terms.",
        [
            f("eusr_id", "Identifier.", required=True, pattern=r"[a-z0-9_]+"),
            f("name", "Name.", required=True),
            f(
                "office",
                "special_representative: appointed EUSR by a Council act; other_envoy: an envoy named otherwise (see note for the appointing act).",
                required=True,
                enum=["special_representative", "other_envoy"],
            ),
            f("nationality", "Nationality, where the sources give it."),
            date("start_date", "First day in office.", required=False),
            date(
                "end_date",
                "Last day in office, or the end of the current mandate (see note); empty if not sourced.",
                required=False,
            ),
            source(),
            f("end_source_id", "The document that states the end date, when it is not source_id."),
            note(),
        ],
        "eusr_id",
        [SRC_FK, fk("end_source_id", "sources", "source_id")],
    ),
    (
        "team_europe_initiatives",
        "Regional Team Europe Initiatives for Central Asia.",
        [
            f("tei_id", "Identifier.", required=True, pattern=r"[a-z0-9_]+"),
            f("name", "Name.", required=True),
            f("focus", "What the initiative covers, paraphrased.", required=True),
            f("envelope_eur", "Total envelope where stated.", type="number", unit="EUR", minimum=0),
            f(
                "eu_budget_eur",
                "Share from the EU budget where stated.",
                type="number",
                unit="EUR",
                minimum=0,
            ),
            f(
                "envelope_qualifier",
                "What the envelope is.",
                enum=["initial_contribution", "total", "at_least"],
            ),
            date("launch_date", "Launch date."),
            f("launch_place", "Where it was launched."),
            source(),
            note(),
        ],
        "tei_id",
        [SRC_FK],
    ),
    (
        "resource_partnerships",
        "Raw-materials and energy partnerships between the EU and Central Asian states (CA for a regional instrument).",
        [
            f("partnership_id", "Identifier.", required=True, pattern=r"[a-z0-9_]+"),
            f("country_code", "The Central Asian partner, or CA.", required=True),
            f("partnership", "What the partnership is about.", required=True),
            f(
                "kind",
                "Field.",
                required=True,
                enum=["raw_materials", "energy", "raw_materials_and_energy"],
            ),
            f(
                "instrument",
                "Kind of document.",
                required=True,
                enum=["memorandum_of_understanding", "joint_declaration"],
            ),
            date("signed_date", "Date of signature or endorsement."),
            f("place", "Where it was signed, when known."),
            source(),
            note(),
        ],
        "partnership_id",
        [fk("country_code", "countries"), SRC_FK],
    ),
    (
        "record_checks",
        "The verification of the record (edition 0.2.0, and the re-check of 2026-12-07): one row per row of another table checked against an official source, and the result.",
        [
            f(
                "table",
                "Table of the checked row.",
                required=True,
                enum=[
                    "timeline",
                    "agreement_milestones",
                    "funding",
                    "eu_special_representatives",
                    "agreement_ratification",
                    "implementation_evidence",
                    "implementation_status",
                    "parliament_statements",
                    "resource_partnerships",
                    "roadmap_actions",
                ],
            ),
            f(
                "row_key",
                "Primary key of the checked row (agreement_id/milestone for agreement_milestones).",
                required=True,
            ),
            f(
                "checked_against",
                "The source the row was checked against, a key of sources.",
                required=True,
            ),
            f(
                "result",
                "confirmed: the official source agrees; corrected: the row was wrong and was changed; moved_to_official_source: the row now rests on the official source; no_official_source_found: none was found (see note for what was searched).",
                required=True,
                enum=[
                    "confirmed",
                    "corrected",
                    "moved_to_official_source",
                    "no_official_source_found",
                ],
            ),
            note(),
            date("checked_on", "Date of the check."),
        ],
        ["table", "row_key"],
        [fk("checked_against", "sources", "source_id")],
    ),
    (
        "funding",
        "EU funding allocations and announced packages for Central Asia.",
        [
            f("funding_id", "Identifier.", required=True, pattern=r"[a-z0-9_]+"),
            f("programme", "Programme, envelope or package.", required=True),
            f(
                "period_start",
                "First year covered: 1991 (the five states' independence) or later.",
                type="integer",
                minimum=1991,
                maximum=2040,
            ),
            f(
                "period_end",
                "Last year covered, not before the first; at most 2040, a plausibility bound "
                "against a mistyped year.",
                type="integer",
                minimum=1991,
                maximum=2040,
            ),
            f(
                "scope",
                "regional, or the code of the country concerned.",
                required=True,
                enum=["regional", "KAZ", "KGZ", "TJK", "TKM", "UZB"],
            ),
            f(
                "amount_eur",
                "Amount in euros; at most EUR 100 billion, a plausibility bound against a "
                "mistyped magnitude.",
                type="number",
                required=True,
                unit="EUR",
                minimum=0,
                maximum=100_000_000_000,
            ),
            f(
                "amount_qualifier",
                "Whether the amount is exact, a floor ('over'), approximate or a ceiling.",
                required=True,
                enum=["exact", "at_least", "approximately", "up_to"],
            ),
            source(),
            locator(),
            note(),
        ],
        "funding_id",
        [SRC_FK],
    ),
    (
        "indicators",
        "Country and regional indicators (CA stands for the five states together).",
        [
            f("country_code", "Country, or CA for the region.", required=True),
            f("indicator", "Indicator identifier.", required=True, pattern=r"[a-z0-9_]+"),
            f("year", "Year the figure refers to.", type="integer", required=True, minimum=1990),
            f("value", "Numeric value (in `unit`).", type="number"),
            f("value_text", "Value when it is a list or text rather than a number."),
            f("unit", "Unit of value.", required=True),
            source(),
            note(),
        ],
        ["country_code", "indicator", "year"],
        [fk("country_code", "countries"), SRC_FK],
    ),
    (
        "roadmap_areas",
        "The key areas of the Joint Roadmap for Deepening Ties between the EU and Central Asia (October 2023).",
        [
            f("roadmap_area_id", "Identifier.", required=True, pattern=r"RA[0-9]"),
            f("number", "Order in the source.", type="integer", required=True, minimum=1),
            f("title", "Title.", required=True),
            f("summary", "What the area covers, paraphrased.", required=True),
            source(),
            locator(),
        ],
        "roadmap_area_id",
        [SRC_FK],
    ),
    (
        "roadmap_actions",
        "Actions under the Joint Roadmap's key areas, as far as the sources itemise them.",
        [
            f("action_id", "Identifier.", required=True),
            f("roadmap_area_id", "Key area.", required=True),
            f("summary", "The action, paraphrased.", required=True),
            source(),
            locator(),
            note(),
        ],
        "action_id",
        [fk("roadmap_area_id", "roadmap_areas"), SRC_FK],
    ),
    (
        "crosswalk",
        "How each section of the 2019 strategy maps onto the key areas of the 2023 Joint Roadmap (an analytical judgement of this book).",
        [
            f("area_id", "Section of the 2019 strategy.", required=True),
            f("roadmap_area_id", "Key area of the Roadmap (empty when relation is none)."),
            f(
                "relation",
                "primary: the key area carries the section forward; partial: it takes up part of it; none: no key area does.",
                required=True,
                enum=["primary", "partial", "none"],
            ),
            f("rationale", "Why, in one sentence.", required=True),
            note(),
        ],
        ["area_id", "roadmap_area_id"],
        [fk("area_id", "areas"), fk("roadmap_area_id", "roadmap_areas")],
    ),
    # --- the 2025 Samarkand declaration (issue 25, item 3) ------------------------------------
    (
        "declaration_paragraphs",
        "The joint declaration of the first EU–Central Asia summit (Samarkand, 4 April 2025), coded with the scheme of the 2019 strategy: one row per paragraph that could be read. The stored copies stop inside paragraph 8, so paragraphs 9 onwards are not coded.",
        [
            f(
                "paragraph_id",
                "Identifier: D- and the paragraph's two-digit number.",
                required=True,
                pattern=r"D-[0-9]{2}",
            ),
            f(
                "number",
                "Number of the paragraph in the declaration.",
                type="integer",
                required=True,
                minimum=1,
            ),
            f("theme", "What the paragraph is about, in a few words.", required=True),
            f("summary", "English paraphrase in the book's own words.", required=True),
            f(
                "kind",
                "specific_initiative: a concrete decision taken at the summit; commitment: a joint undertaking ('we are committed to', 'we agreed to continue'); statement: an assessment, welcome or position with no undertaking.",
                required=True,
                enum=DECLARATION_KINDS,
            ),
            f("area_id", "The 2019 section the paragraph continues (empty: none does)."),
            f(
                "roadmap_area_id",
                "The 2023 Joint Roadmap key area it continues (empty: none does).",
            ),
            source(),
            locator(),
            note(),
        ],
        "paragraph_id",
        [fk("area_id", "areas"), fk("roadmap_area_id", "roadmap_areas"), SRC_FK],
    ),
    (
        "declaration_actors",
        "Links between the paragraphs of the 2025 declaration and the actors they name, with the roles of the 2019 coding.",
        [
            f("paragraph_id", "Paragraph.", required=True),
            f("actor_id", "Actor.", required=True),
            f(
                "role",
                "What the actor does in the paragraph: in a joint 'we' paragraph both sides are partner; lead only where one side alone is the subject.",
                required=True,
                enum=ROLES,
            ),
            f(
                "basis",
                "explicit: named in the paragraph; implied: inferred, with the reason in note.",
                required=True,
                enum=["explicit", "implied"],
            ),
            source(),
            note(),
        ],
        ["paragraph_id", "actor_id"],
        [fk("paragraph_id", "declaration_paragraphs"), fk("actor_id", "actors"), SRC_FK],
    ),
    (
        "declaration_instruments",
        "Which instruments and frameworks the paragraphs of the 2025 declaration name.",
        [
            f("paragraph_id", "Paragraph.", required=True),
            f("instrument_id", "Instrument.", required=True),
            f(
                "basis",
                "explicit or implied (reason in note).",
                required=True,
                enum=["explicit", "implied"],
            ),
            source(),
            note(),
        ],
        ["paragraph_id", "instrument_id"],
        [fk("paragraph_id", "declaration_paragraphs"), fk("instrument_id", "instruments"), SRC_FK],
    ),
    (
        "declaration_crosswalk",
        "What the 2025 declaration did with each section of the 2019 strategy and each key area of the 2023 Joint Roadmap, and the themes it adds (an analytical judgement of this book, from paragraphs 1–8 only).",
        [
            f(
                "theme_id",
                "Identifier: 2019- and the section, 2023- and the key area, or 2025- and a slug for a theme new in the declaration.",
                required=True,
                pattern=r"20[0-9]{2}-[A-Za-z0-9._]+",  # the exact forms: x-idEncodes
            ),
            f(
                "text",
                "The text the theme comes from: strategy_2019, roadmap_2023, or declaration_2025 for a theme new in it.",
                required=True,
                enum=["strategy_2019", "roadmap_2023", "declaration_2025"],
            ),
            f("area_id", "The 2019 section (rows of strategy_2019 only)."),
            f("roadmap_area_id", "The Roadmap key area (rows of roadmap_2023 only)."),
            f("theme", "Title of a theme new in 2025 (the other rows take their area's title)."),
            f(
                "relation",
                "kept: paragraphs 1–8 carry the area forward; gained_emphasis: they raise it (a higher level, a new format); dropped: the whole declaration leaves it out (usable only once every paragraph can be read); new: a theme neither earlier text has; undetermined: paragraphs 1–8 do not address it and the rest of the declaration could not be read, so whether it was kept or dropped is not known.",
                required=True,
                enum=DECLARATION_RELATIONS,
            ),
            f(
                "paragraphs",
                "The declaration's paragraphs that bear on the theme, separated by semicolons (empty: none of paragraphs 1–8).",
                pattern=r"D-[0-9]{2}(;D-[0-9]{2})*",
            ),
            f("rationale", "Why, citing paragraphs and sources.", required=True),
        ],
        "theme_id",
        [fk("area_id", "areas"), fk("roadmap_area_id", "roadmap_areas")],
    ),
    # --- end of the 2025 declaration -----------------------------------------------------------
    (
        "rivers",
        "Transboundary rivers of Central Asia and the position of each riparian state.",
        [
            f("river_id", "River identifier.", required=True, pattern=r"[a-z0-9_]+"),
            f("river", "English name.", required=True),
            f("country_code", "Riparian country.", required=True),
            f(
                "position",
                "Where the country lies along the river.",
                required=True,
                enum=["upstream", "midstream", "downstream"],
            ),
            source(),
            note(),
        ],
        ["river_id", "country_code"],
        [fk("country_code", "countries"), SRC_FK],
    ),
    (
        "corridors",
        "Transport and energy corridors discussed in EU–Central Asia relations.",
        [
            f("corridor_id", "Identifier.", required=True, pattern=r"[a-z0-9_]+"),
            f("name", "Name.", required=True),
            f("kind", "Transport or energy.", required=True, enum=["transport", "energy"]),
            note(),
            source(),
        ],
        "corridor_id",
        [SRC_FK],
    ),
    (
        "corridor_countries",
        "Countries each corridor connects, as the sources name them.",
        [
            f("corridor_id", "Corridor.", required=True),
            f("country_code", "Country.", required=True),
            source(),
            note(),
        ],
        ["corridor_id", "country_code"],
        [fk("corridor_id", "corridors"), fk("country_code", "countries"), SRC_FK],
    ),
    (
        "implementation_evidence",
        "Implementation tracker: one row per piece of evidence that an initiative or commitment was carried out (or announced) after the 2019 Communication, from the most authoritative stored source.",
        [
            f(
                "evidence_id",
                "Identifier: the initiative's id, -E and a two-digit number.",
                required=True,
                pattern=r"(0|[0-9]\.[0-9])-(SI|C)-[0-9]{2}-E[0-9]{2}",
            ),
            f(
                "initiative_id",
                "The specific initiative or commitment this evidence is about.",
                required=True,
            ),
            after(
                date(
                    "date", "When it happened (after 15 May 2019, not after the assessment date)."
                ),
                "2019-05-15",
            ),
            precision(),
            f("event", "What happened, in one sentence of the coder's own words.", required=True),
            f("instrument_id", "The instrument of the instruments table that carried it, if any."),
            f(
                "programme",
                "The programme or project that carried it, when it is not in the instruments table.",
            ),
            f(
                "amount_eur",
                "Amount in euros when the source states one (a plain number; commitments, not "
                "disbursements, unless the note says otherwise); at most EUR 100 billion, a "
                "plausibility bound.",
                type="number",
                minimum=0,
                maximum=100_000_000_000,
            ),
            f(
                "amount_note",
                "The source's own wording of the amount (a floor, an envelope, a pledge).",
            ),
            f(
                "other_actors",
                "Actors involved that are not in the actors table, as the source names them.",
            ),
            source(),
            locator(),
            f(
                "source_kind",
                "official: an EU, joint or implementing-agency text (or its faithful republication); news: a news report, used only where nothing official is stored.",
                required=True,
                enum=["official", "news"],
            ),
            note(),
        ],
        "evidence_id",
        [fk("initiative_id", "initiatives"), fk("instrument_id", "instruments"), SRC_FK],
    ),
    (
        "implementation_evidence_actors",
        "Implementation tracker: the actors of the actors table involved in each piece of evidence.",
        [
            f("evidence_id", "The piece of evidence.", required=True),
            f("actor_id", "An actor involved in it.", required=True),
        ],
        ["evidence_id", "actor_id"],
        [fk("evidence_id", "implementation_evidence"), fk("actor_id", "actors")],
    ),
    (
        "implementation_status",
        "Implementation tracker: the status of each coded item of the strategy (its specific initiatives and its commitments) as of the assessment date, coded by the protocol in Methods (with its adaptation for commitments).",
        [
            f("initiative_id", "The specific initiative or commitment.", required=True),
            f(
                "status",
                "delivered, partly_delivered, under_way, announced_only, superseded or no_public_evidence, from most to least delivered (definitions in Methods).",
                required=True,
                enum=TRACKER_STATUSES,
            ),
            f(
                "first_coder_status",
                "The first coder's status before the second coding; differs from status only where a disagreement was resolved or where the status was re-coded under the protocol's clarifications (the note says so).",
                required=True,
                enum=TRACKER_STATUSES,
            ),
            f(
                "confidence",
                "high: an official source states the outcome directly; medium: indirectly, or news only; low: inferred from partial evidence.",
                required=True,
                enum=["high", "medium", "low"],
            ),
            date("assessed_on", "The date the status was assessed (the edition's date)."),
            f(
                "coder",
                "Who coded the status: first (the book's coder); a resolved disagreement says so in the note.",
                required=True,
                enum=["first", "resolved"],
            ),
            f(
                "rationale",
                "Why this status, component by component, citing evidence ids.",
                required=True,
            ),
            f(
                "searched",
                "What was searched (queries, sites, date): required for no_public_evidence, recorded for every status.",
                required=True,
            ),
            note(),
        ],
        "initiative_id",
        [fk("initiative_id", "initiatives")],
    ),
    (
        "parliament_statements",
        "What the European Parliament's 2024 report on the strategy says about its implementation, paraphrased, with the section or initiative each statement concerns.",
        [
            f("statement_id", "Identifier.", required=True, pattern=r"ep24-[0-9]{2}"),
            f(
                "stance",
                "welcomes_progress, finds_lacking or calls_for_action.",
                required=True,
                enum=["welcomes_progress", "finds_lacking", "calls_for_action"],
            ),
            f("statement", "The statement, paraphrased.", required=True),
            f("area_id", "The section it mainly concerns (empty: the strategy as a whole)."),
            f("initiative_id", "The specific initiative it concerns, when it concerns one."),
            source(),
            locator(),
            note(),
        ],
        "statement_id",
        [fk("area_id", "areas"), fk("initiative_id", "initiatives"), SRC_FK],
    ),
    (
        "second_coding",
        "Implementation tracker: the independent second coders' statuses for seeded random samples of the coded items, coded from the protocol and the evidence only (agreement and resolution in Methods). One table for every round: a round has the same unit, columns and rules, and an item may be drawn in two rounds, so the key is the round and the item.",
        [
            f(
                "initiative_id",
                "A sampled item (specific initiative or commitment).",
                required=True,
            ),
            f(
                "round",
                "The edition whose second coding the row belongs to: 0.2.0, a sample of the 45 specific initiatives; 0.3.0, a sample of all 112 items stratified by kind and strand (research/tracker/second-coding-2-plan.md).",
                required=True,
                enum=["0.2.0", "0.3.0"],
            ),
            f("status", "The second coder's status.", required=True, enum=TRACKER_STATUSES),
            f(
                "confidence",
                "The second coder's confidence.",
                required=True,
                enum=["high", "medium", "low"],
            ),
            f(
                "compared_status",
                "The status the item had in the data when the round was coded (the first coding, after the resolutions and re-codings of earlier rounds): the status the second coder's is compared with.",
                required=True,
                enum=TRACKER_STATUSES,
            ),
            f("rationale", "The second coder's reasons, citing evidence ids.", required=True),
        ],
        ["round", "initiative_id"],
        [fk("initiative_id", "implementation_status")],
    ),
]


#: Rules between tables (eucasia.data.crossrules): a status needs evidence unless it records a
#: search that found none; evidence may not postdate the assessment of its initiative.
CROSS_RULES = {
    "implementation_status": {
        "x-requiresRowsIn": {
            "resource": "implementation_evidence",
            "fields": "initiative_id",
            "exceptWhen": {"status": ["no_public_evidence"]},
        },
        # every coded item (specific initiative or commitment) has its status row
        "x-everyRowOf": {
            "resource": "initiatives",
            "fields": "initiative_id",
            "when": {"kind": ["specific_initiative", "commitment"]},
        },
        # and the converse of the first: a search that found nothing cannot have evidence
        "x-forbidsRowsInWhen": {
            "resource": "implementation_evidence",
            "fields": "initiative_id",
            "when": {"status": ["no_public_evidence"]},
        },
    },
    # every paragraph names an actor; every 2019 section has a row in the declaration's crosswalk
    "declaration_actors": {
        "x-everyRowOf": {
            "resource": "declaration_paragraphs",
            "fields": "paragraph_id",
            "when": {"kind": DECLARATION_KINDS},
        }
    },
    "declaration_crosswalk": {
        "x-everyRowOf": {
            "resource": "areas",
            "fields": "area_id",
            "when": {"strand_id": ["regional", "resilience", "prosperity", "together"]},
        }
    },
    "implementation_evidence": {
        "x-notAfter": [
            {
                "field": "date",
                "resource": "implementation_status",
                "via": "initiative_id",
                "bound": "assessed_on",
            }
        ]
    },
}
#: Order within a row (`x-notBefore`, eucasia.data.rules): an end is not before its start (for
#: partial dates: not before the earliest day the start can mean).
ROW_ORDER = {
    "funding": [{"field": "period_end", "notBefore": "period_start"}],
    "eu_special_representatives": [{"field": "end_date", "notBefore": "start_date"}],
}
#: Bounds a column keeps in some rows (`x-boundsWhen`, eucasia.data.rules): a share in percent
#: lies between 0 and 100 (a part is never larger than its whole).
BOUNDS_WHEN = {
    "indicators": [
        {
            "field": "value",
            "when": {"unit": ["percent", "percent (lower bound)", "percent (upper bound)"]},
            "minimum": 0,
            "maximum": 100,
        }
    ],
}
#: Identifiers that encode other columns of their row (`x-idEncodes`, enforced by
#: eucasia.data.rules.check_id_rules): each named group of the pattern is a column whose value
#: must equal the text the group matches (through `map`, upper-cased if in `upper`).
ID_ENCODES = {
    "initiatives": [
        {
            "field": "initiative_id",
            "pattern": r"(?P<area_id>0|[1-3]\.[1-4])-(?P<kind>SI|C)-(?P<ordinal>[0-9]{2})",
            "map": {"kind": {"SI": "specific_initiative", "C": "commitment"}},
        }
    ],
    "timeline": [
        {"field": "event_id", "pattern": r"(?P<date>[0-9]{4}(?:-[0-9]{2}){0,2})-[a-z][a-z0-9\-]*"}
    ],
    "agreements": [
        {
            "field": "agreement_id",
            "pattern": r"(?P<country_code>[a-z]{3})_(?P<agreement_type>pca|epca|interim)",
            "map": {
                "agreement_type": {
                    "pca": "PCA",
                    "epca": "EPCA",
                    "interim": "interim_trade_agreement",
                }
            },
            "upper": ["country_code"],
        }
    ],
    "roadmap_actions": [
        {"field": "action_id", "pattern": r"(?P<roadmap_area_id>RA[0-9])-[A-Z]+-[0-9]{2}"}
    ],
    "declaration_paragraphs": [{"field": "paragraph_id", "pattern": r"D-(?P<number>[0-9]{2})"}],
    # the id names the text, and the section or key area, of its row (a new theme has neither)
    "declaration_crosswalk": [
        {
            "field": "theme_id",
            "pattern": r"(?P<text>2019|2023|2025)-(?:(?P<area_id>0|[1-3]\.[1-4])"
            r"|(?P<roadmap_area_id>RA[0-9])|[a-z][a-z_]*)",
            "map": {
                "text": {
                    "2019": "strategy_2019",
                    "2023": "roadmap_2023",
                    "2025": "declaration_2025",
                }
            },
        }
    ],
    "implementation_evidence": [
        {
            "field": "evidence_id",
            "pattern": r"(?P<initiative_id>(?:0|[0-9]\.[0-9])-(?:SI|C)-[0-9]{2})-E[0-9]{2}",
        }
    ],
}
#: Columns whose cells may span lines (`x-multiline`); in every other column a line break is an
#: error, which also catches a quote opened in one row and closed in the next.
MULTILINE: dict[str, list[str]] = {}
#: Every table the book reads must have at least this many rows (`x-minRows`).
MIN_ROWS = 1


def build() -> dict:
    resources = []
    for name, description, fields, key, fks in RESOURCES:
        for field in fields:
            if field["name"] in MULTILINE.get(name, []):
                field["x-multiline"] = True
        schema = {"fields": fields, "primaryKey": key, "missingValues": [""]}
        schema.update(CROSS_RULES.get(name, {}))
        if fks:
            schema["foreignKeys"] = fks
        names = [x["name"] for x in fields]
        if "date_precision" in names:
            schema["x-precisionOf"] = {"date_precision": "date"}
        if name in ID_ENCODES:
            schema["x-idEncodes"] = ID_ENCODES[name]
        if name in ROW_ORDER:
            schema["x-notBefore"] = ROW_ORDER[name]
        if name in BOUNDS_WHEN:
            schema["x-boundsWhen"] = BOUNDS_WHEN[name]
        resources.append(
            {
                "name": name,
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": description,
                "x-minRows": MIN_ROWS,
                "schema": schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "eu-central-asia-strategy",
        "title": "The EU Strategy on Central Asia (2019) as data",
        "description": "The 2019 EU Strategy on Central Asia (JOIN(2019) 9) coded into sections, initiatives, actors, instruments and links, with context tables on its timeline, agreements, funding and the 2023 Joint Roadmap. Every fact row names its source.",
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0",
            }
        ],
        "sources": [
            {
                "title": "JOIN(2019) 9 final",
                "path": "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:52019JC0009",
            }
        ],
        "resources": resources,
    }


if __name__ == "__main__":
    OUT.write_text(json.dumps(build(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")
