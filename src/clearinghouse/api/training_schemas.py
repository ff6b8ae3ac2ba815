"""Bodies of training needs and course offers."""

from datetime import date
from typing import Annotated

from pydantic import Field

from clearinghouse.api.schemas import Priority, Ref, Strict
from clearinghouse.domain import fields
from clearinghouse.domain.training import CourseCategory

Code3 = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
People = Annotated[int, Field(gt=0, le=fields.PEOPLE_MAX)]


class TrainingNeedCreate(Strict):
    ref: Ref
    category: CourseCategory
    trainees: People
    priority: Priority
    due: date


class TrainingNeedUpdate(Strict):
    category: CourseCategory | None = None
    trainees: People | None = None
    priority: Priority | None = None
    due: date | None = None


class TrainingNeedRead(TrainingNeedCreate):
    version: int


class CourseCreate(Strict):
    ref: Ref
    host: Code3
    location: Code3
    category: CourseCategory
    mission: Ref
    seats: People
    starts: date
    ends: date


class CourseUpdate(Strict):
    location: Code3 | None = None
    category: CourseCategory | None = None
    mission: Ref | None = None
    seats: People | None = None
    starts: date | None = None
    ends: date | None = None


class CourseRead(CourseCreate):
    version: int
