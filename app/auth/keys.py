"""API keys: made and revoked from the CLI, shown once, stored as hashes, compared in constant time.

A key reads ``fds_<prefix>_<secret>``: the prefix finds the row, the secret is checked against
its SHA-256 (the secret is 32 random bytes, so a fast hash is enough).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlmodel import Session

from app.audit.recorder import now
from app.auth import repository
from app.models import ApiKey

SCOPES = ("read", "write")


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_key(session: Session, *, name: str, scopes: list[str]) -> str:
    """Store a new key and return it in full: the only time it is ever shown."""
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown:
        raise ValueError(f"unknown scope(s): {', '.join(unknown)}")
    if repository.by_name(session, name=name) is not None:
        raise ValueError(f"a key named {name!r} exists")
    prefix, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
    session.add(
        ApiKey(
            name=name,
            prefix=prefix,
            secret_hash=_digest(secret),
            scopes=" ".join(sorted(set(scopes) | {"read"})),
            created_at=now(),
        )
    )
    session.commit()
    return f"fds_{prefix}_{secret}"


def revoke_key(session: Session, *, name: str) -> bool:
    key = repository.by_name(session, name=name)
    if key is None or key.revoked_at is not None:
        return False
    key.revoked_at = now()
    session.add(key)
    session.commit()
    return True


def verify(session: Session, token: str) -> ApiKey | None:
    """The live key this token belongs to, or None. Never says which part was wrong."""
    parts = token.split("_", 2)
    if len(parts) != 3 or parts[0] != "fds":
        return None
    key = repository.by_prefix(session, prefix=parts[1])
    expected = key.secret_hash if key is not None else _digest("")
    if not hmac.compare_digest(expected, _digest(parts[2])) or key is None:
        return None
    return key if key.revoked_at is None else None
