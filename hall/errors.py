"""Errors of the hall core.

Every error carries a stable ``code`` (for translation and for tests) and a ``message`` in Chinese,
the language of the hall; ``str(error)`` is the message.
"""

from __future__ import annotations


class HallError(Exception):
    default_code = "hall_error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code

    def __str__(self) -> str:
        return self.message


class AuthError(HallError):
    """Wrong staff code or password, or an account that may not sign in now."""

    default_code = "auth"


class PermissionDenied(HallError):
    """The signed-in role may not do this, whatever the UI shows."""

    default_code = "permission"


class InvalidInput(HallError):
    """Input that cannot be accepted; nothing was changed."""

    default_code = "invalid"


class NotFound(HallError):
    default_code = "not_found"


class Conflict(HallError):
    """The move is impossible in the current state (of a ticket, a window, the day)."""

    default_code = "conflict"


class FormInvalid(InvalidInput):
    """An application form that cannot be saved; ``errors``: field key -> Chinese message, for
    the form to show beside each field. Nothing was saved."""

    default_code = "invalid_form"

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("受理单填写有误：" + "；".join(errors.values()))
        self.errors = dict(errors)
