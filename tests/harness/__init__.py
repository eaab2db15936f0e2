"""What the tests share: paths, commands, the served site, a browser, copies of the repository,
the one shared second build, and readers of executed notebooks and build logs.

It lives with the tests (imported as `harness`; `tests/conftest.py` puts `tests/` on the path as
pytest does for every conftest). `tools/measure.py` and `tools/buildtimes.py` import the same
modules, so what the benchmark measures and what the tests check is loaded the same way.
"""
