"""``ledger audit document TENANT FILE``: prove a document against the tenant's audit chain.

Only the file's SHA-256 digest is used (the file is not stored): the command says which
event carries that digest, at which position, whether a seal vouches for it, and whether the
chain verifies. Exit 0 when proven, 1 otherwise, so a script can rely on it.
"""

from __future__ import annotations

import sys
from typing import BinaryIO

import click

from api.cli.audit import audit
from api.cli.common import platform
from tenants.document_proof import digest_of, prove_digest


@audit.command("document")
@click.argument("tenant")
@click.argument("file", type=click.File("rb"))
def audit_document(tenant: str, file: BinaryIO) -> None:
    """Which event of TENANT carries FILE's SHA-256 digest, and whether the chain verifies."""
    digest = digest_of(file.read())
    with platform() as p:
        proof = prove_digest(p, tenant, digest)
    click.echo(f"sha256 {digest}")
    if not proof.carriers:
        click.echo(f"{tenant}\tno event carries this digest: it is not a document of this tenant")
    for c in proof.carriers:
        sealed = (
            f"sealed at position {c.sealed_at_position}"
            if c.sealed_at_position is not None
            else "not sealed yet (run `ledger audit seal` to vouch for it)"
        )
        click.echo(
            f"{tenant}\tcase {c.reference}, document {c.document} version {c.version}\t"
            f"{c.event} at position {c.position}\t{sealed}"
        )
    chain = "intact" if proof.chain_intact else "ALTERED: " + "; ".join(proof.problems)
    click.echo(
        f"{tenant}\tchain {chain} ({proof.events_checked} events, {proof.seals_checked} seals)"
    )
    click.echo("PROVEN" if proof.proven else "NOT PROVEN")
    sys.exit(0 if proof.proven else 1)
