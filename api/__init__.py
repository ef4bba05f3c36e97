"""The HTTP API (Flask) and the operator command line."""
