"""Kept for ``gunicorn -c deploy/gunicorn.conf.py``; the settings live in the package.

Prefer ``gunicorn -c python:api.serving.gunicorn_conf``, which works from any installed copy.
"""

from api.serving.gunicorn_conf import *  # noqa: F403
