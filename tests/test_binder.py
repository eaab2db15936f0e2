"""Every chapter reruns as a Binder user meets it: postBuild, .md opened as a notebook, a fresh kernel."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import jupytext
import pytest
from conftest import BIN, ROOT, run
from nbclient import NotebookClient

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.md"))
BUDGET_SECONDS = 30


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_top_to_bottom_in_a_fresh_kernel(path: Path) -> None:
    notebook = jupytext.read(path)
    client = NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    start = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - start
    errors = [
        o
        for c in notebook.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if o.get("output_type") == "error"
    ]
    assert not errors
    assert elapsed < BUDGET_SECONDS, f"{path.name} took {elapsed:.1f} s (budget {BUDGET_SECONDS} s)"


@pytest.mark.slow  # builds a small book, or installs and starts a Jupyter server
def test_postbuild_installs_the_package_and_jupyterlab_settings() -> None:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(
        ["bash", str(ROOT / "postBuild")], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    overrides = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    viewers = json.loads(overrides.read_text())["@jupyterlab/docmanager-extension:plugin"][
        "defaultViewers"
    ]
    assert viewers["markdown"] == "Jupytext Notebook"
    check = run(
        [
            str(BIN / "python"),
            "-c",
            "import eucasia, pathlib; print(pathlib.Path(eucasia.__file__).parent.parent)",
        ],
        cwd=Path("/"),
    )
    assert Path(check.stdout.strip()) == ROOT


def test_binder_plan_uses_the_pinned_environment_then_postbuild() -> None:
    """Binder's own builder (repo2docker), asked for its plan without building: it must pick the
    conda buildpack for environment.yml at Python 3.11 and run postBuild after installing it."""
    result = run(
        [str(BIN / "jupyter-repo2docker"), "--no-build", "--debug", str(ROOT)], timeout=300
    )
    plan = result.stdout + result.stderr
    assert result.returncode == 0, plan
    assert "Building conda environment for python=3.11" in plan, plan
    install = plan.find('env update -p ${NB_PYTHON_PREFIX} --file "environment.yml"')
    postbuild = plan.find("RUN ./postBuild")
    assert install != -1, plan
    assert postbuild > install, "postBuild must run after the environment is installed"
    assert "requirements.txt" not in plan and "install.R" not in plan
    # postBuild runs as the notebook user: it must not need root.
    before_postbuild = plan[:postbuild]
    assert before_postbuild.rfind("USER ${NB_USER}") > before_postbuild.rfind("USER root")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow  # builds a small book, or installs and starts a Jupyter server
def test_jupyter_server_opens_md_chapters_as_notebooks() -> None:
    port = free_port()
    server = subprocess.Popen(
        [
            str(BIN / "jupyter"),
            "server",
            "--no-browser",
            f"--port={port}",
            "--ip=127.0.0.1",
            "--IdentityProvider.token=t",
            "--allow-root",
            f"--ServerApp.root_dir={ROOT}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/api/contents/notebooks/resilience.md?type=notebook&token=t"
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    model = json.load(response)
                break
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.5)
        assert model["type"] == "notebook"
        cells = model["content"]["cells"]
        assert any(
            c["cell_type"] == "code" and "strand_analysis" in "".join(c["source"]) for c in cells
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
