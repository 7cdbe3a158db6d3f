"""``copydesk serve``: the audit as an HTTP service, and a page for editors and classrooms.

An optional extra (``pip install "copydesk[serve]"``: Starlette and uvicorn). Nothing
outside this package imports it, so ``import copydesk`` never loads a web framework.

- ``settings.py``: the server's limits and options (passed to uvicorn's worker
  processes through one environment variable).
- ``service.py``: the rules and engine a worker loads once, the bounded pool of audit
  slots, the per-audit time limit, and turning a request into an article.
- ``app.py``: the Starlette application: routes, errors (always JSON, never a
  traceback), the request-size limit, bearer-token auth, security headers.
- ``openapi.py``: the OpenAPI description, built from the report's own JSON Schema.
- ``page.py`` and ``static/``: the page at ``/`` (paste or drop an article, see the
  highlighted report; classroom worksheets checked by the server).
"""
