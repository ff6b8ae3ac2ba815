"""The least churn of a small bundle written straightforwardly, as the tests' definition.

One integer variable per way a unit can go (offer × need × hub × month, pledge × producer ×
need × month), written with loops over the domain records — not with the engine's arrays —
and two more per reference line for |x − r|. Solved for the least churn among plans worth at
least a given value.
"""

from __future__ import annotations

from collections import defaultdict

import highspy
import numpy as np
import scipy.sparse as sp

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.months import month_index
from clearinghouse.planning.plan import Allocation
from clearinghouse.planning.settings import PlanSettings

Key = tuple[str, str, str, str, int]


def least_churn(b: Bundle, s: PlanSettings, reference: list[Allocation],
                value_at_least: float) -> float:
    """Σ|x − r| / 2 of the least-churn whole-unit plan worth at least ``value_at_least``."""
    items = {i.code: i for i in b.items}
    nations = {n.code: n for n in b.nations}
    factor = {(x.need_class, x.offer_class): x.factor for x in b.substitutes}
    lanes = {(lane.origin, lane.hub) for lane in b.lanes}
    month = s.plan_month
    cols: list[tuple[Key, float, list[tuple[str, float]]]] = []  # key, value, row entries
    for n in b.needs:
        due = month(n.due)
        last = min(due + s.late_cutoff_months, s.horizon - 1)
        unit = s.weight(n.priority) / n.quantity

        def f(cls: str, need_class: str = n.class_code) -> float:
            return 1.0 if cls == need_class else factor.get((need_class, cls), 0.0)

        for o in b.offers:
            item = items[o.item]
            if not f(item.class_code):
                continue
            for h in b.hubs:
                if b.lanes and (o.origin, h.code) not in lanes:
                    continue
                if nations[o.donor].allows_territory(nations[h.country]) is not None:
                    continue
                for t in range(month(o.available), last + 1):
                    if not (month(h.opens) <= t and (h.closes is None or t < month(h.closes))):
                        continue
                    cols.append(((o.ref, n.ref, h.code, "", t),
                                 f(item.class_code) * unit * s.decay ** max(0, t - due),
                                 [(f"offer {o.ref}", 1.0), (f"need {n.ref}", f(item.class_code)),
                                  (f"hub {h.code} {t}", item.unit_weight_kg / 1000)]))
        for k in b.producers:
            if not f(k.class_code):
                continue
            caps = {i.capability for i in b.items if i.class_code == k.class_code}
            for pl in b.funding:
                if pl.earmark not in (None, k.class_code) and pl.earmark not in caps:
                    continue
                first = max(month(pl.available), month(k.available))
                for m in range(first, last - k.lead_months + 1):
                    booked = sum(u for when, u in k.booked
                                 if month_index(when, s.start) == m)
                    if k.capacity_per_month - booked <= 0:
                        continue
                    t = m + k.lead_months
                    cols.append(((pl.ref, n.ref, "", k.code, t),
                                 f(k.class_code) * unit * s.decay ** max(0, t - due),
                                 [(f"made {k.code} {m}", 1.0), (f"need {n.ref}", f(k.class_code)),
                                  (f"pledge {pl.ref}", k.unit_price_eur)]))
    bound = _bounds(b, s)
    r: dict[Key, int] = defaultdict(int)
    for a in reference:
        r[(a.offer, a.need, a.hub or "", a.producer or "", a.month)] += a.quantity
    # columns: x per way, then keep/add per reference line it matches (x = keep + add)
    index = {key: i for i, (key, _, _) in enumerate(cols)}
    names = sorted(bound)
    row = {name: i for i, name in enumerate(names)}
    entries: list[tuple[int, int, float]] = []
    for j, (_, _, rows) in enumerate(cols):
        entries += [(row[name], j, a) for name, a in rows if name in row]
    n_x = len(cols)
    churn_obj = np.ones(n_x)  # x on lines outside the reference: all churn
    upper = [np.inf] * n_x
    objective = list(churn_obj)
    link: list[tuple[int, int, float]] = []
    constant = float(sum(r.values()))
    extra = 0
    for key, units in r.items():
        j = index.get(key)
        if j is None:
            continue
        # x_j = keep + add: x_j − keep − add = 0, keep <= r; churn (r − keep + add)
        objective[j] = 0.0
        keep, add = n_x + extra, n_x + extra + 1
        extra += 2
        objective += [-1.0, 1.0]
        upper += [float(units), np.inf]
        link.append((len(names) + len(link), j, 1.0))
        entries += [(len(names) + len(link) - 1, keep, -1.0), (len(names) + len(link) - 1, add,
                                                                  -1.0)]
    n_rows = len(names) + len(link) + 1
    entries += link
    entries += [(n_rows - 1, j, v) for j, (_, v, _) in enumerate(cols)]
    lower = [-np.inf] * len(names) + [0.0] * len(link) + [value_at_least]
    upper_rows = [bound[name] for name in names] + [0.0] * len(link) + [np.inf]
    n = n_x + extra
    if not entries:
        return constant / 2
    i, j, a = zip(*entries, strict=True)
    m = sp.csc_matrix((a, (i, j)), shape=(n_rows, n))
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("mip_rel_gap", 0.0)
    h.passModel(n, n_rows, m.nnz, 1, 1, constant, np.array(objective), np.zeros(n),
                np.array(upper), np.array(lower), np.array(upper_rows),
                m.indptr.astype(np.int32), m.indices.astype(np.int32), m.data,
                np.ones(n, dtype=np.int32))
    h.run()
    assert h.getModelStatus() == highspy.HighsModelStatus.kOptimal, h.getModelStatus()
    return float(h.getInfo().objective_function_value) / 2


def _bounds(b: Bundle, s: PlanSettings) -> dict[str, float]:
    out: dict[str, float] = {}
    for o in b.offers:
        out[f"offer {o.ref}"] = o.quantity
    for n in b.needs:
        out[f"need {n.ref}"] = n.quantity - min(n.delivered, n.quantity)
    for h in b.hubs:
        for t in range(s.horizon):
            out[f"hub {h.code} {t}"] = h.capacity_t_per_month
    for k in b.producers:
        for m in range(s.horizon):
            booked = sum(u for when, u in k.booked if month_index(when, s.start) == m)
            out[f"made {k.code} {m}"] = max(0, k.capacity_per_month - booked)
    for pl in b.funding:
        out[f"pledge {pl.ref}"] = pl.amount_eur
    return out
