"""How the API is served in production: the gunicorn settings, importable from an installed package."""
