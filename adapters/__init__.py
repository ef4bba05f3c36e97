"""Persistence and messaging: everything that talks to SQLite, PostgreSQL or a broker."""
