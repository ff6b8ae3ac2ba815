"""JSON answers that never carry NaN or infinities (not JSON): null instead, as a last resort.

The services store missing figures as null with a reason beside them; this catches any
non-finite float that still reaches an answer, instead of failing the request with a 500.
"""

from __future__ import annotations

import math
from typing import Any

from fastapi.responses import JSONResponse


def finite(content: Any) -> Any:
    """``content`` with every NaN or infinite float replaced by None."""
    if isinstance(content, float):
        return content if math.isfinite(content) else None
    if isinstance(content, dict):
        return {k: finite(v) for k, v in content.items()}
    if isinstance(content, list | tuple):
        return [finite(v) for v in content]
    return content


class FiniteJSONResponse(JSONResponse):
    """JSONResponse rendering non-finite floats as null (only walked when one is present)."""

    def render(self, content: Any) -> bytes:
        try:
            return super().render(content)
        except ValueError:  # "Out of range float values are not JSON compliant"
            return super().render(finite(content))
