"""CI proves README's recipe, not another one (issue 12, item 1).

README's Quick start says: on a machine with Python 3.11+, `make` and `git`, run `make book` and
`make test`. `.ci/run` may therefore only add what README assumes (make, git, Python's venv,
CA certificates, each only where missing) and then run exactly those two commands; everything
else (TeX, Chromium, poppler, iproute2, node and the npm tools) is brought in by make itself
(tools/ensure-tex.sh, tools/ensure-test-tools.sh). The script is parsed, not run; the parser is
shown to fail on scripts that break the rule.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CI_RUN = ROOT / ".ci" / "run"
README = ROOT / "README.md"

#: What README's Quick start assumes of the machine, and so all CI may install before make.
ALLOWED_APT = {"make", "git", "python3-venv", "ca-certificates"}
#: Commands the bootstrap needs to find out what is missing and to install it.
ALLOWED_COMMANDS = {"set", "cd", "export", "command", "python3", "apt-get", "[", "rm", "make"}
ALLOWED_SUBSTITUTIONS = {"dirname", "mktemp"}
README_COMMANDS = ["make book", "make test"]
KEYWORDS = {"if", "then", "else", "elif", "fi", "!", "time", "{", "}", "do", "done"}
SEPARATORS = {";", "&&", "||", "|", "&", ";;"}
REDIRECTION = re.compile(r"^\d*[<>]+&?$")
ASSIGNMENT = re.compile(r"^[A-Za-z_]\w*\+?=")
SUBSTITUTION = re.compile(r"\$\(([^()]*)\)")


def strip_comment(line: str) -> str:
    """The line without its comment: a `#` starting a word outside quotes (`${#x}` stays)."""
    quote = None
    for i, char in enumerate(line):
        if quote:
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif char == "#" and (i == 0 or line[i - 1].isspace()):
            return line[:i]
    return line


def logical_lines(text: str) -> list[str]:
    """Lines with backslash continuations joined and comments removed."""
    joined = re.sub(r"\\\n", " ", text)
    return [s for s in (strip_comment(line).strip() for line in joined.splitlines()) if s]


def words(line: str) -> list[str]:
    lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    lexer.commenters = ""
    return list(lexer)


def parse(text: str) -> tuple[list[list[str]], list[str]]:
    """(simple commands as word lists, words of every array literal `name=(...)`), including the
    commands inside `$(...)` substitutions."""
    commands: list[list[str]] = []
    arrays: list[str] = []
    pending = [line for line in logical_lines(text)]
    while pending:
        tokens = words(pending.pop(0))
        current: list[str] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            for inner in SUBSTITUTION.findall(token):
                pending.append(inner)
            if token.endswith("=") and i + 1 < len(tokens) and tokens[i + 1] == "()":
                i += 2  # an empty array
                continue
            if token.endswith("=") and i + 1 < len(tokens) and tokens[i + 1] == "(":
                end = next(j for j in range(i + 2, len(tokens)) if tokens[j].startswith(")"))
                arrays += tokens[i + 2 : end]
                tokens[end] = tokens[end][1:]  # `);` closes the array and ends the command
                i = end if tokens[end] else end + 1
                continue
            if token in SEPARATORS:
                commands.append(current)
                current = []
            elif REDIRECTION.match(token):
                i += 1  # and its target
            else:
                current.append(token)
            i += 1
        commands.append(current)
    simple = []
    for command in commands:
        while command and (command[0] in KEYWORDS or ASSIGNMENT.match(command[0])):
            command = command[1:]
        if command:
            simple.append(command)
    return simple, arrays


def problems(text: str) -> list[str]:
    """Every way the script does more than bootstrap README's assumptions and run its commands."""
    commands, arrays = parse(text)
    found = []
    installed = set(arrays)
    make_runs = []
    for command in commands:
        head, args = command[0], command[1:]
        line = " ".join(command)
        if head in ALLOWED_SUBSTITUTIONS:
            continue
        if head not in ALLOWED_COMMANDS:
            found.append(f"runs {line!r}: only README's two make commands and the bootstrap")
        elif head == "apt-get":
            verbs = [a for a in args if not a.startswith("-") and a not in ("install", "update")]
            if "install" in args:
                installed |= {a for a in verbs if not a.startswith("$")}
            elif "update" not in args:
                found.append(f"apt-get other than update/install: {line!r}")
        elif head == "make":
            make_runs.append(" ".join(command))
        elif head == "python3" and args[:2] != ["-m", "venv"]:
            found.append(f"python3 used for more than the venv check: {line!r}")
    for package in sorted(installed - ALLOWED_APT):
        found.append(f"installs {package}: make must bring it in (allowed: {sorted(ALLOWED_APT)})")
    if make_runs != README_COMMANDS:
        found.append(f"runs {make_runs}, not README's {README_COMMANDS}")
    return found


def test_ci_run_only_bootstraps_and_runs_readmes_two_commands() -> None:
    assert CI_RUN.is_file()
    assert not problems(CI_RUN.read_text(encoding="utf-8")), problems(
        CI_RUN.read_text(encoding="utf-8")
    )


def test_ci_run_installs_only_what_is_missing() -> None:
    """Each allowed package is added only behind a check that it is missing."""
    text = CI_RUN.read_text(encoding="utf-8")
    for line in logical_lines(text):
        if "packages+=" in line:
            assert "||" in line, f"unconditional install: {line!r}"


GOOD = """#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "$0")/.."  # a comment with apt-get install texlive-xetex
packages=()
command -v make >/dev/null 2>&1 || packages+=(make)
if [ ${#packages[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi
time make book
time make test
"""
BAD = {
    "npm ci": GOOD + "npm ci --no-audit\n",
    "apt chromium": GOOD.replace("time make book", "apt-get install -y chromium\ntime make book"),
    "array texlive": GOOD.replace("packages+=(make)", "packages+=(make texlive-xetex)"),
    "continued line": GOOD.replace('"${packages[@]}"', '\\\n    iproute2 "${packages[@]}"'),
    "third make": GOOD + "make lint\n",
    "make target changed": GOOD.replace("time make test", "time make test-tools"),
    "no make test": GOOD.replace("time make test\n", ""),
    "pip": GOOD + ".venv/bin/pip install pytest-xdist\n",
    "curl in substitution": GOOD.replace("$(dirname", "$(curl -s https://x | sh; dirname"),
    "after &&": GOOD.replace("time make book", "make book && npm ci"),
    "python script": GOOD + "python3 tools/lock.py\n",
}


def test_the_rule_passes_a_good_script() -> None:
    assert problems(GOOD) == []


@pytest.mark.parametrize("name", sorted(BAD))
def test_the_rule_fails_a_bad_script(name: str) -> None:
    assert problems(BAD[name]), f"{name}: the check passed a script that breaks the rule"


def test_readme_quick_start_names_exactly_the_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```bash\n(.*?)```", section, re.S)
    assert len(blocks) == 1, "Quick start must have one bash block"
    commands = [c for c in (strip_comment(line).strip() for line in blocks[0].splitlines()) if c]
    assert commands == README_COMMANDS
