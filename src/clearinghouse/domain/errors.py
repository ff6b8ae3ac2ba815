"""Domain errors: messages a staff officer understands, naming the field and the rule."""

from __future__ import annotations


class DomainError(ValueError):
    """A record breaks a rule of the clearing house.

    ``field`` names the attribute at fault (the exchange column of the same name),
    ``rule`` states the rule in words, ``value`` is what was given.
    """

    def __init__(self, message: str, *, field: str | None = None, rule: str = "",
                 value: object = None) -> None:
        if rule and rule not in message:
            message = f"{message} — {rule}"
        super().__init__(message)
        self.message = message
        self.field = field
        self.rule = rule or message
        self.value = value


class CaveatViolation(DomainError):
    """A record breaks a nation's standing caveat."""


class IllegalTransition(DomainError):
    """A status change that the record's lifecycle does not allow."""


def require(condition: bool, message: str, *, field: str, rule: str, value: object) -> None:
    """Raise a :class:`DomainError` with ``message`` unless ``condition`` holds."""
    if not condition:
        raise DomainError(message, field=field, rule=rule, value=value)
