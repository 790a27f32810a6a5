"""Who acts: a user, or the system (the demo builder, a background job, a reference load).

Services take a keyword-only ``actor`` and always authorise it. The system is an explicit actor,
:data:`SYSTEM` (or ``SystemActor("demo")`` to say which part of the system acted), and it may do
everything; ``actor=None`` means the system too, so code that builds data (the tests, a shell)
keeps working, but every check asks :func:`is_system` in one place instead of skipping itself.
A web request never reaches a service as the system: views pass ``request.user``, which is a user
or ``AnonymousUser``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SystemActor:
    """The system acting on its own; ``what`` names the part (``"demo"``, ``"job"``) for the audit row."""

    what: str = ""

    # Looks enough like a user for the access helpers (a superuser reaches every unit) and for
    # the audit row (no user row: ``pk`` is None).
    pk = None
    id = None
    is_superuser = True
    is_staff = False
    is_active = True
    is_authenticated = False
    is_anonymous = False

    def __bool__(self) -> bool:
        # Falsy like ``None``, so ``created_by=actor if actor else None`` stores no user for the system.
        return False

    @property
    def audit_label(self) -> str:
        return f"hệ thống ({self.what})" if self.what else "hệ thống"

    def get_username(self) -> str:
        return self.audit_label

    def __str__(self) -> str:
        return self.audit_label


SYSTEM = SystemActor()


def is_system(actor) -> bool:
    """True for the system: :data:`SYSTEM`, any :class:`SystemActor`, or ``None``."""
    return actor is None or isinstance(actor, SystemActor)


def system_label(actor) -> str:
    """The audit label of a system actor."""
    return actor.audit_label if isinstance(actor, SystemActor) else SYSTEM.audit_label
