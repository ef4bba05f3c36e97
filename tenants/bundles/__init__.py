"""Audit bundles: a tenant's stored events, seals and chain links, verifiable offline."""
