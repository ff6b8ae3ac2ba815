"""Log in for a bearer token, log out (revoke it), and who am I."""

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.security import OAuth2PasswordRequestForm
from pydantic import BaseModel

from clearinghouse.api.deps import CurrentUser, EngineDep, SettingsDep, TokenDep
from clearinghouse.services.records.users import login, logout

router = APIRouter(prefix="/auth", tags=["auth"])


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int


class UserRead(BaseModel):
    name: str
    nation: str
    role: str


@router.post("/token")
def issue_token(form: Annotated[OAuth2PasswordRequestForm, Depends()], engine: EngineDep,
                settings: SettingsDep, request: Request) -> Token:
    """Exchange a user name and password for an expiring bearer token.

    Too many wrong passwords for one name or from one address within a window: 429 with
    ``Retry-After`` until the window has moved on."""
    token = login(engine, form.username, form.password, timedelta(seconds=settings.token_ttl_s),
                  throttle=request.app.state.login_throttle,
                  address=request.client.host if request.client else None)
    return Token(access_token=token, expires_in=int(settings.token_ttl_s))


@router.post("/logout", status_code=204)
def revoke_token(engine: EngineDep, token: TokenDep, _user: CurrentUser) -> None:
    """Revoke the bearer token of this request."""
    logout(engine, token)


@router.get("/me")
def whoami(user: CurrentUser) -> UserRead:
    """The user holding the token: name, nation and role."""
    return UserRead(name=user.name, nation=user.nation, role=user.role.value)
