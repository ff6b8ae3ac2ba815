"""Bodies of staff posts: ``PostCreate / PostUpdate / PostRead``."""

from datetime import date
from typing import Annotated

from pydantic import Field

from clearinghouse.api.schemas import Ref, Releasability, Strict, Text
from clearinghouse.domain.posts import Branch

Code3 = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]


class PostCreate(Strict):
    ref: Ref
    nation: Code3 = Field(description="the nation that fills the post (its owner)")
    title: Text
    branch: Branch = Field(description="command, or a J1–J9 branch by name")
    starts: date = Field(description="the day the nation fills the post from")
    ends: date | None = Field(default=None, description="the day it stops; none: open-ended")
    releasability: Releasability = Field(default=["ALL"])


class PostUpdate(Strict):
    nation: Code3 | None = None
    title: Text | None = None
    branch: Branch | None = None
    starts: date | None = None
    ends: date | None = None
    releasability: Releasability | None = None


class PostRead(PostCreate):
    version: int
