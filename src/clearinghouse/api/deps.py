"""Dependencies every route shares: the engine, the current user, the If-Match version."""

from typing import Annotated

from fastapi import Depends, Header, Request
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy import Engine

from clearinghouse.config import Settings
from clearinghouse.domain.errors import DomainError
from clearinghouse.services.records.users import User, authenticate

bearer = OAuth2PasswordBearer(tokenUrl="/auth/token")


def get_engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


EngineDep = Annotated[Engine, Depends(get_engine)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
TokenDep = Annotated[str, Depends(bearer)]


def current_user(engine: EngineDep, token: TokenDep) -> User:
    """The user holding the request's bearer token (401 otherwise)."""
    return authenticate(engine, token)


CurrentUser = Annotated[User, Depends(current_user)]


def parse_version(text: str) -> int:
    """``3``, ``"3"`` or ``W/"3"`` → 3."""
    cleaned = text.strip().removeprefix("W/").strip('"')
    if not cleaned.isdigit() or len(cleaned) > 12:
        raise DomainError(f"If-Match {text!r} is not a record version", field="If-Match",
                          rule="must be the ETag (version) of the record as read", value=text)
    return int(cleaned)


def required_version(if_match: Annotated[str, Header(
        description="the ETag (version) of the record as read")]) -> int:
    return parse_version(if_match)


def optional_version(if_match: Annotated[str | None, Header(
        description="the ETag (version) of the record as read")] = None) -> int | None:
    return None if if_match is None else parse_version(if_match)


IfMatch = Annotated[int, Depends(required_version)]
OptionalIfMatch = Annotated[int | None, Depends(optional_version)]


def etag(version: int) -> str:
    return f'"{version}"'
