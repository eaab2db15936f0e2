"""Binder: its builder's plan, and `.md` chapters served as notebooks by Jupyter Server.

Every chapter run top to bottom in a fresh kernel is `test_cache_audit.py` (which also watches
what each reads); postBuild run in a copy, into a venv of the reader pins alone, is
`test_environment.py::test_reader_environment_alone_runs_a_chapter`."""

from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.request

import pytest
from harness.commands import run
from harness.paths import BIN, ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.md"))
BUDGET_SECONDS = 30


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


@pytest.mark.rebuild  # starts a Jupyter server
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
