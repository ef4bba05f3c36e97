"""Where this code relies on a library beyond its documented API: one module per library.

``eventsourcing.py`` (the repository's projector, a schema on a shared PostgreSQL pool, the
recorders' tables, channels and statements the audit, relay and import path reuse, the
mapper's settings the import path mirrors) and
``json_encoder.py`` (the standard library's C encoder) and ``amqp.py`` (py-amqp's plain send
on a confirm channel, for the relay's batched confirms). flask-smorest and apispec are used
through their public hooks only (``Api.ERROR_SCHEMA``, ``app.register_error_handler``,
apispec plugins). ``tests/unit/test_library_seams.py`` checks each reliance, so an upgrade
that changes one fails a test naming it; it also checks that no module outside this package
imports a library's private name.
"""
