"""Rules between tables that Table Schema cannot state, declared in the descriptor with `x-` keys.

The implementation tracker needs three: a status other than "no public evidence found" must
rest on evidence (`x-requiresRowsIn` on the status table), that status itself may not have any
(`x-forbidsRowsInWhen`), every specific initiative has a status (`x-everyRowOf`), and evidence
must fall inside the period
the tracker covers (`x-after` on a date field: after the Communication; `x-notAfter`: not after
the date the initiative's status was assessed). Declared in data, enforced here generically, so
a new tracker-like table needs no new code.
"""

from __future__ import annotations

from collections.abc import Mapping

from eucasia.data.cells import PARTIAL_DATE
from eucasia.data.errors import Problem
from eucasia.data.frames import ParsedTable


def referenced_tables(resource: Mapping) -> list[str]:
    """Tables a resource's cross-table rules read: they are loaded (and fingerprinted) with it."""
    schema = resource["schema"]
    names = [
        schema[key]["resource"]
        for key in ("x-requiresRowsIn", "x-forbidsRowsInWhen", "x-everyRowOf")
        if key in schema
    ]
    return names + [bound["resource"] for bound in schema.get("x-notAfter", [])]


def _earliest(date: str) -> str:
    """The first day a partial date can mean: `2019-05` → `2019-05-01`."""
    year, month, day = PARTIAL_DATE.match(date).groups()
    return f"{year}-{month or '01'}-{day or '01'}"


def _latest(date: str) -> str:
    """The last day a partial date can mean, as a comparable string: `2019-05` → `2019-05-99`."""
    year, month, day = PARTIAL_DATE.match(date).groups()
    return f"{year}-{month or '99'}-{day or '99'}"


def check_cross_rules(
    table: ParsedTable, parsed: Mapping[str, ParsedTable], problems: list[Problem]
) -> None:
    schema = table.resource["schema"]
    frame = table.frame
    for field in schema["fields"]:
        bound = field.get("x-after")
        if not bound:
            continue
        for value, line in zip(frame[field["name"]], table.lines, strict=True):
            if isinstance(value, str) and not _earliest(value) > bound:
                problems.append(
                    Problem(
                        table.path,
                        line,
                        field["name"],
                        f"date {value!r} is not after {bound}: give a date after it "
                        "(at day precision if the month is the bound's own month)",
                        code="cross-table-constraint",
                    )
                )
    rule = schema.get("x-requiresRowsIn")
    if rule and rule["resource"] in parsed:
        other = parsed[rule["resource"]]
        have = set(other.frame[rule["fields"]].dropna())
        exempt = rule.get("exceptWhen", {})
        for index, line in enumerate(table.lines):
            row = frame.iloc[index]
            if any(row[column] in values for column, values in exempt.items()):
                continue
            if row[rule["fields"]] not in have:
                allowed = "; ".join(f"{c} {v}" for c, v in exempt.items())
                problems.append(
                    Problem(
                        table.path,
                        line,
                        rule["fields"],
                        f"{row[rule['fields']]!r} has no rows in {other.path}: add its evidence, "
                        f"or record the search with {allowed}",
                        code="cross-table-constraint",
                    )
                )
    check_forbidden_rows(table, parsed, problems)
    check_covered_rows(table, parsed, problems)
    for bound in schema.get("x-notAfter", []):
        other = parsed.get(bound["resource"])
        if other is None:
            continue
        limit = dict(zip(other.frame[bound["via"]], other.frame[bound["bound"]], strict=True))
        for value, key, line in zip(
            frame[bound["field"]], frame[bound["via"]], table.lines, strict=True
        ):
            if isinstance(value, str) and key in limit and _latest(value) > _latest(limit[key]):
                problems.append(
                    Problem(
                        table.path,
                        line,
                        bound["field"],
                        f"date {value!r} is after {limit[key]}, when {key!r} was assessed in "
                        f"{other.path}: evidence must not postdate the assessment",
                        code="cross-table-constraint",
                    )
                )


def check_forbidden_rows(
    table: ParsedTable, parsed: Mapping[str, ParsedTable], problems: list[Problem]
) -> None:
    """`x-forbidsRowsInWhen`: a row whose columns hold one of the `when` values has no rows in
    the other table (a status recording a search that found nothing cannot have evidence)."""
    rule = table.resource["schema"].get("x-forbidsRowsInWhen")
    if not rule or rule["resource"] not in parsed:
        return
    other = parsed[rule["resource"]]
    counts = other.frame[rule["fields"]].value_counts()
    for index, line in enumerate(table.lines):
        row = table.frame.iloc[index]
        for column, values in rule["when"].items():
            key = row[rule["fields"]]
            if row[column] in values and counts.get(key, 0):
                problems.append(
                    Problem(
                        table.path,
                        line,
                        column,
                        f"{row[column]!r} says no evidence was found for {key!r}, but "
                        f"{other.path} has {counts[key]} row(s) for it: change the {column}, "
                        "or remove those rows",
                        code="cross-table-constraint",
                    )
                )


def check_covered_rows(
    table: ParsedTable, parsed: Mapping[str, ParsedTable], problems: list[Problem]
) -> None:
    """`x-everyRowOf`: every row of the other table that matches `when` has a row here (each
    specific initiative has a status). Reported at the uncovered row of the other table."""
    rule = table.resource["schema"].get("x-everyRowOf")
    if not rule or rule["resource"] not in parsed:
        return
    other = parsed[rule["resource"]]
    have = set(table.frame[rule["fields"]].dropna())
    for index, line in enumerate(other.lines):
        row = other.frame.iloc[index]
        matches = all(row[column] in values for column, values in rule["when"].items())
        if matches and row[rule["fields"]] not in have:
            problems.append(
                Problem(
                    other.path,
                    line,
                    rule["fields"],
                    f"{row[rule['fields']]!r} has no row in {table.path}, which needs one for "
                    f"every row with {rule['when']}: add it",
                    code="cross-table-constraint",
                )
            )


def _when_rule_mistakes(rule, here: str, fields, table, column) -> list[tuple[str, str]]:
    """Mistakes of a rule {resource, fields, when: {column: [values]}} of this table."""
    if rule is None:
        return []
    if not isinstance(rule, Mapping):
        return [(here, "must be an object with 'resource', 'fields', 'when'")]
    found: list[tuple[str, str]] = []
    other = table(rule.get("resource"), f"{here}.resource")
    column(rule.get("fields"), fields, f"{here}.fields", "this table")
    if other is not None:
        column(rule.get("fields"), other, f"{here}.fields", "the other table")
    when = rule.get("when")
    if (
        not isinstance(when, Mapping)
        or not when
        or not all(isinstance(v, list) for v in when.values())
    ):
        found.append((f"{here}.when", "must be an object {column: [values]}"))
    elif here.endswith("x-everyRowOf"):
        for col in when:
            if other is not None:
                column(col, other, f"{here}.when", "the other table")
    else:
        for col in when:
            column(col, fields, f"{here}.when", "this table")
    return found


def _bounds_when_mistakes(rules: object, here: str, fields) -> list[tuple[str, str]]:
    """Mistakes of `x-boundsWhen`: [{field, when: {column: [values]}, minimum?, maximum?}]."""
    if not isinstance(rules, list):
        return [(here, "must be a list of rules")]
    found: list[tuple[str, str]] = []
    for k, rule in enumerate(rules):
        at = f"{here}[{k}]"
        if not isinstance(rule, Mapping):
            found.append((at, "must be an object with 'field', 'when', 'minimum' or 'maximum'"))
            continue
        field = rule.get("field")
        if not isinstance(field, str) or field not in fields:
            found.append((f"{at}.field", f"must name a column of this table, not {field!r}"))
        elif fields[field].get("type") not in ("integer", "number"):
            found.append((f"{at}.field", "must name an integer or number column"))
        when = rule.get("when")
        if (
            not isinstance(when, Mapping)
            or not when
            or not all(
                isinstance(c, str) and c in fields and isinstance(v, list) for c, v in when.items()
            )
        ):
            found.append((f"{at}.when", "must be an object {column of this table: [values]}"))
        bounds = [rule.get(b) for b in ("minimum", "maximum") if b in rule]
        if not bounds or not all(
            isinstance(b, int | float) and not isinstance(b, bool) for b in bounds
        ):
            found.append((at, "needs a 'minimum' or a 'maximum', each a number"))
    return found


def rule_mistakes(
    schema: Mapping, fields: Mapping[str, dict], schemas: Mapping[str, tuple], at: str
) -> list[tuple[str, str]]:
    """(JSON path, what is wrong) for each malformed cross-table rule of one table's schema.

    Checked with the rest of the descriptor's structure, so a mistake in a rule is reported
    where it is written instead of surfacing as a KeyError while the data are checked.
    ``schemas`` maps every table name to a tuple whose last item is its fields by name.
    """
    mistakes: list[tuple[str, str]] = []

    def column(value: object, columns: Mapping, path: str, of: str) -> None:
        if not isinstance(value, str) or value not in columns:
            mistakes.append((path, f"must name a column of {of}, not {value!r}"))

    def table(value: object, path: str) -> Mapping | None:
        if not isinstance(value, str) or value not in schemas:
            mistakes.append((path, f"must name a table of the package, not {value!r}"))
            return None
        return schemas[value][-1]

    for name, field in fields.items():
        bound = field.get("x-after")
        if bound is not None and not (isinstance(bound, str) and PARTIAL_DATE.fullmatch(bound)):
            mistakes.append((f"{at}.fields.{name}.x-after", f"must be a date, not {bound!r}"))
    rule = schema.get("x-requiresRowsIn")
    if rule is not None:
        here = f"{at}.x-requiresRowsIn"
        if not isinstance(rule, Mapping):
            mistakes.append((here, "must be an object with 'resource', 'fields', 'exceptWhen'"))
        else:
            other = table(rule.get("resource"), f"{here}.resource")
            column(rule.get("fields"), fields, f"{here}.fields", "this table")
            if other is not None:
                column(rule.get("fields"), other, f"{here}.fields", "the other table")
            exempt = rule.get("exceptWhen", {})
            if not isinstance(exempt, Mapping) or not all(
                isinstance(v, list) for v in exempt.values()
            ):
                mistakes.append((f"{here}.exceptWhen", "must be an object {column: [values]}"))
            else:
                for col in exempt:
                    column(col, fields, f"{here}.exceptWhen", "this table")
    for key in ("x-forbidsRowsInWhen", "x-everyRowOf"):
        mistakes += _when_rule_mistakes(schema.get(key), f"{at}.{key}", fields, table, column)
    order = schema.get("x-notBefore", [])
    if not isinstance(order, list):
        mistakes.append((f"{at}.x-notBefore", "must be a list of {'field', 'notBefore'} rules"))
    else:
        for k, rule_k in enumerate(order):
            here = f"{at}.x-notBefore[{k}]"
            if not isinstance(rule_k, Mapping):
                mistakes.append((here, "must be an object with 'field' and 'notBefore'"))
                continue
            column(rule_k.get("field"), fields, f"{here}.field", "this table")
            column(rule_k.get("notBefore"), fields, f"{here}.notBefore", "this table")
    mistakes += _bounds_when_mistakes(schema.get("x-boundsWhen", []), f"{at}.x-boundsWhen", fields)
    bounds = schema.get("x-notAfter", [])
    if not isinstance(bounds, list):
        return [*mistakes, (f"{at}.x-notAfter", "must be a list of rules")]
    for k, bound in enumerate(bounds):
        here = f"{at}.x-notAfter[{k}]"
        if not isinstance(bound, Mapping):
            mistakes.append((here, "must be an object with 'field', 'resource', 'via', 'bound'"))
            continue
        column(bound.get("field"), fields, f"{here}.field", "this table")
        column(bound.get("via"), fields, f"{here}.via", "this table")
        other = table(bound.get("resource"), f"{here}.resource")
        if other is not None:
            column(bound.get("via"), other, f"{here}.via", "the other table")
            column(bound.get("bound"), other, f"{here}.bound", "the other table")
    return mistakes
