"""The descriptor's own structure, checked before anything reads it.

`datapackage.json` is data too: a list where a string belongs, a string where a number belongs,
a key naming a missing field would otherwise surface as a TypeError or KeyError deep in the
loader. :func:`check_structure` walks the descriptor once and reports every mistake with its
JSON path (`resources[3].schema.fields[2].constraints.minimum`) and what would be valid.

A small checker of our own rather than Frictionless' metadata validation: Frictionless (used by
the tests as a second opinion) reports JSON-Schema errors of its profile, which do not know the
book's `x-` rules nor the resource paths' confinement to `data/`, and it is not a runtime
dependency of the package.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from eucasia.data.constraints import constraint_mistakes, describe
from eucasia.data.crossrules import rule_mistakes
from eucasia.data.errors import Problem, descriptor_error_code

TYPES = ("string", "integer", "number", "boolean", "date")
FIELD_KEYS_BOOL = ("x-partialDate", "x-multiline")


def _names(value: object) -> list[str] | None:
    """A key's fields as a list of names (a string or a list of strings), else None."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return list(value)
    return None


class _Checker:
    def __init__(self, shown: str, data_dir: Path):
        self.shown = shown
        self.data_dir = data_dir
        self.problems: list[Problem] = []

    def fail(self, at: str, message: str) -> None:
        self.problems.append(
            Problem(self.shown, None, None, message, at=at, code=descriptor_error_code(at))
        )

    def expect(self, value: object, kind: type | tuple, at: str, wanted: str) -> bool:
        ok = isinstance(value, kind) and not (isinstance(value, bool) and bool not in _tuple(kind))
        if not ok:
            self.fail(at, f"must be {wanted}, not {describe(value)}")
        return ok

    def check(self, descriptor: object) -> list[Problem]:
        if not self.expect(descriptor, dict, "(top level)", "a JSON object"):
            return self.problems
        resources = descriptor.get("resources")
        if not self.expect(resources, list, "resources", "a list of table descriptions"):
            return self.problems
        names: dict[str, int] = {}
        paths: dict[str, int] = {}
        schemas: dict[str, tuple[str, dict, dict]] = {}
        for i, resource in enumerate(resources):
            at = f"resources[{i}]"
            if not self.expect(resource, dict, at, "an object"):
                continue
            name = resource.get("name")
            if self.expect(name, str, f"{at}.name", "a table name (a string)"):
                if not re.fullmatch(r"[a-z0-9_]+", name, re.ASCII):
                    self.fail(f"{at}.name", f"{name!r} is not a name of [a-z0-9_]")
                elif name in names:
                    self.fail(
                        f"{at}.name", f"{name!r} is also the name of resources[{names[name]}]"
                    )
                else:
                    names[name] = i
            self.check_path(resource.get("path"), f"{at}.path")
            path = resource.get("path")
            if isinstance(path, str):
                if path in paths:
                    self.fail(
                        f"{at}.path", f"{path!r} is also the file of resources[{paths[path]}]"
                    )
                paths.setdefault(path, i)
            self.check_min_rows(resource.get("x-minRows", 0), f"{at}.x-minRows")
            schema = resource.get("schema")
            if self.expect(schema, dict, f"{at}.schema", "an object with 'fields'"):
                fields = self.check_fields(schema.get("fields"), f"{at}.schema.fields")
                if fields is not None and isinstance(name, str):
                    schemas[name] = (at, schema, fields)
                    self.check_keys(schema, fields, f"{at}.schema")
        for name, (at, schema, fields) in schemas.items():
            self.check_foreign_keys(name, schema, fields, schemas, f"{at}.schema")
            for path, message in rule_mistakes(schema, fields, schemas, f"{at}.schema"):
                self.fail(path, message)
        return self.problems

    def check_path(self, path: object, at: str) -> None:
        if not self.expect(path, str, at, "a file name under data/ (a string)"):
            return
        pure = PurePosixPath(path)
        if "\\" in path or pure.is_absolute() or re.match(r"^[A-Za-z]:", path):
            self.fail(at, f"{path!r} is absolute; give a file name relative to data/")
        elif ".." in pure.parts or not path or path.startswith("./"):
            self.fail(at, f"{path!r} leaves data/ or is not a plain file name under it")
        elif not re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]*\.csv", path, re.ASCII):
            self.fail(
                at,
                f"{path!r} is not a plain file name of data/ (letters, digits, _ . -, ending .csv)",
            )
        else:
            target = self.data_dir / path
            root = self.data_dir.resolve()
            if (target.is_symlink() or target.exists()) and not target.resolve().is_relative_to(
                root
            ):
                self.fail(at, f"{path!r} is a link leading out of data/; data files must lie in it")

    def check_min_rows(self, value: object, at: str) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.fail(at, f"must be a whole number of rows, 0 or more, not {describe(value)}")

    def check_fields(self, fields: object, at: str) -> dict[str, dict] | None:
        if not self.expect(fields, list, at, "a list of column descriptions"):
            return None
        if not fields:
            self.fail(at, "a table needs at least one column")
            return None
        known: dict[str, dict] = {}
        for j, field in enumerate(fields):
            here = f"{at}[{j}]"
            if not self.expect(field, dict, here, "an object"):
                continue
            name = field.get("name")
            if self.expect(name, str, f"{here}.name", "a column name (a string)"):
                if name in known:
                    self.fail(f"{here}.name", f"column {name!r} is described twice")
                known[name] = field
            kind = field.get("type", "string")
            if kind not in TYPES:
                self.fail(f"{here}.type", f"{describe(kind)} is not a type; valid: {list(TYPES)}")
                kind = "string"
            for flag in FIELD_KEYS_BOOL:
                if flag in field:
                    self.expect(field[flag], bool, f"{here}.{flag}", "true or false")
            if "format" in field:
                self.expect(field["format"], str, f"{here}.format", "a string")
            constraints = field.get("constraints", {})
            if self.expect(constraints, dict, f"{here}.constraints", "an object"):
                self.check_constraints(constraints, kind, f"{here}.constraints")
        return known if len(known) == len(fields) else None

    def check_constraints(self, constraints: dict, kind: str, at: str) -> None:
        for path, message in constraint_mistakes(constraints, kind, at):
            self.fail(path, message)

    def check_keys(self, schema: dict, fields: dict[str, dict], at: str) -> None:
        if "primaryKey" in schema:
            key = _names(schema["primaryKey"])
            if key is None:
                self.fail(
                    f"{at}.primaryKey",
                    f"must be a column name or a list of them, not {describe(schema['primaryKey'])}",
                )
            for k in key or []:
                if k not in fields:
                    self.fail(
                        f"{at}.primaryKey", f"names {k!r}, not a column; columns: {list(fields)}"
                    )
        pairs = schema.get("x-precisionOf", {})
        if self.expect(
            pairs, dict, f"{at}.x-precisionOf", "an object {precision column: date column}"
        ):
            for p, d in pairs.items():
                for col in (p, d):
                    if not isinstance(col, str) or col not in fields:
                        self.fail(f"{at}.x-precisionOf", f"names {col!r}, not a column")
        rules = schema.get("x-idEncodes", [])
        if self.expect(rules, list, f"{at}.x-idEncodes", "a list of rules"):
            for r, rule in enumerate(rules):
                self.check_id_rule(rule, fields, f"{at}.x-idEncodes[{r}]")

    def check_id_rule(self, rule: object, fields: dict[str, dict], at: str) -> None:
        if not self.expect(rule, dict, at, "an object with 'field' and 'pattern'"):
            return
        if not isinstance(rule.get("field"), str) or rule["field"] not in fields:
            self.fail(f"{at}.field", f"{describe(rule.get('field'))} is not a column")
        pattern = rule.get("pattern")
        if not self.expect(pattern, str, f"{at}.pattern", "a regular expression (a string)"):
            return
        try:
            groups = set(re.compile(pattern).groupindex)
        except re.error as exc:
            self.fail(f"{at}.pattern", f"{pattern!r} is not a regular expression: {exc}")
            return
        if not groups:
            self.fail(f"{at}.pattern", "has no named group (?P<column>…) to compare with a column")
        for group in sorted(groups - set(fields)):
            self.fail(f"{at}.pattern", f"group {group!r} is not a column")
        mapping = rule.get("map", {})
        if self.expect(mapping, dict, f"{at}.map", "an object {column: {text in id: value}}"):
            for col, table in mapping.items():
                if col not in groups or not isinstance(table, dict):
                    self.fail(f"{at}.map.{col}", "must map a group of the pattern: {text: value}")
        upper = rule.get("upper", [])
        if _names(upper) is None and upper != []:
            self.fail(f"{at}.upper", f"must be a list of group names, not {describe(upper)}")

    def check_foreign_keys(
        self, name: str, schema: dict, fields: dict, schemas: dict, at: str
    ) -> None:
        fks = schema.get("foreignKeys", [])
        if not self.expect(fks, list, f"{at}.foreignKeys", "a list"):
            return
        for k, fk in enumerate(fks):
            here = f"{at}.foreignKeys[{k}]"
            if not self.expect(fk, dict, here, "an object with 'fields' and 'reference'"):
                continue
            own = _names(fk.get("fields"))
            if own is None:
                self.fail(
                    f"{here}.fields",
                    f"must be a column name or a list, not {describe(fk.get('fields'))}",
                )
            for col in own or []:
                if col not in fields:
                    self.fail(f"{here}.fields", f"names {col!r}, not a column of {name!r}")
            ref = fk.get("reference")
            if not self.expect(
                ref, dict, f"{here}.reference", "an object with 'resource' and 'fields'"
            ):
                continue
            target = ref.get("resource")
            if not isinstance(target, str):
                self.fail(
                    f"{here}.reference.resource", f"must be a table name, not {describe(target)}"
                )
                continue
            target = target or name
            if target not in schemas:
                self.fail(
                    f"{here}.reference.resource",
                    f"{target!r} is not a table (or its description is broken); tables: {sorted(schemas)}",
                )
                continue
            theirs = _names(ref.get("fields"))
            if theirs is None:
                self.fail(
                    f"{here}.reference.fields",
                    f"must be a column name or a list, not {describe(ref.get('fields'))}",
                )
                continue
            for col in theirs:
                if col not in schemas[target][2]:
                    self.fail(
                        f"{here}.reference.fields", f"names {col!r}, not a column of {target!r}"
                    )
            if own is not None and len(own) != len(theirs):
                self.fail(
                    f"{here}.reference.fields", f"{len(theirs)} columns for {len(own)} in 'fields'"
                )


def _tuple(kind: type | tuple) -> tuple:
    return kind if isinstance(kind, tuple) else (kind,)


def check_structure(descriptor: object, shown: str, data_dir: Path) -> list[Problem]:
    """Every structural mistake of `descriptor`, each located by its JSON path."""
    return _Checker(shown, Path(data_dir)).check(descriptor)
