"""The build layer: what Sphinx and make need to turn the book's sources into its site and PDF.

Code here runs at build time only (Sphinx extensions in `book/_ext/` call it; notebooks never
import it), so it can be tested without a build: each function takes text or paths and returns
text or bytes, and the extensions keep only the wiring to Sphinx's events and configuration.
"""
