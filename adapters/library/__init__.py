"""Where this code relies on a library beyond its documented API: one module per library.

``eventsourcing.py`` (the repository's projector, a schema on a shared PostgreSQL pool, the
recorders' statements the import path reuses, the mapper's steps it mirrors) and
``json_encoder.py`` (the standard library's C encoder). flask-smorest and apispec are used
through their public hooks only (``Api.ERROR_SCHEMA``, ``app.register_error_handler``,
apispec plugins). ``tests/unit/test_library_seams.py`` checks each reliance, so an upgrade
that changes one fails a test naming it; it also checks that no module outside this package
imports a library's private name.
"""
