"""Alembic revisions form one chain: unique ids, one head, every parent known (two branches
that each add a revision must be re-pointed before they land)."""

from __future__ import annotations

import ast
from pathlib import Path

import clearinghouse

VERSIONS = Path(clearinghouse.__file__).parent / "adapters/db/migrations/versions"


def _revisions() -> list[tuple[str, str | None, str]]:
    found = []
    for path in sorted(VERSIONS.glob("*.py")):
        values: dict[str, str | None] = {}
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.AnnAssign | ast.Assign) and node.value is not None:
                target = node.target if isinstance(node, ast.AnnAssign) else node.targets[0]
                if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
                    values[target.id] = ast.literal_eval(node.value)
        revision = values["revision"]
        assert revision is not None, path.name
        found.append((revision, values.get("down_revision"), path.name))
    return found


def test_revision_ids_are_unique_and_form_one_chain_with_one_head() -> None:
    revisions = _revisions()
    ids = [r for r, _, _ in revisions]
    assert len(ids) == len(set(ids)), "two migrations share a revision id"
    parents = [p for _, p, _ in revisions]
    assert parents.count(None) == 1, "more than one base revision"
    assert all(p is None or p in ids for p in parents), "a revision names an unknown parent"
    assert len(parents) == len(set(parents)), "two revisions share a parent: two heads"
    heads = set(ids) - {p for p in parents if p is not None}
    assert len(heads) == 1, f"more than one head: {sorted(heads)}"
