"""The most people a surge's pool can place, night by night, from SciPy, independent of Haven's solver.

Haven's solver seats each offer once for all nights of a solve; the matcher then solves again with
those stays held (later-stays.ts), so a stream of confirmations can place two parties one after
the other in one offer. The honest reference for the stream is therefore the optimum under rule 1
as written: on every night, the parties staying in an offer fit its beds (one party at a time in a
single-party offer). One binary x[p] per allowed pair; each request takes at most one; for each
offer and each night on which one of its candidates arrives (a night's occupancy only grows on an
arrival), the sizes (single-party: the count) of the pairs staying that night are at most its beds
(single-party: 1). The objective is people only: the bench compares people.

Input (JSON, argv[1]): r, o (pair -> request, offer), size (per request), start, end (per pair:
the stay's first night and the morning of departure, day numbers), beds, multi (per offer),
timeLimit. Output: relaxedBound (the linear relaxation's: no set of pairs places more);
for pools of at most MILP_PAIRS pairs also people (the best set found in the time), bound (the
least proven bound) and optimal (people is the most any set places).
"""
import json
import sys
import time

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import csr_matrix, vstack

# Above this many pairs only the relaxation's bound is sought.
MILP_PAIRS = 50_000

data = json.load(open(sys.argv[1]))
r = np.asarray(data["r"], dtype=np.int64)
o = np.asarray(data["o"], dtype=np.int64)
size = np.asarray(data["size"], dtype=np.float64)
start = np.asarray(data["start"], dtype=np.int64)
end = np.asarray(data["end"], dtype=np.int64)
beds = np.asarray(data["beds"], dtype=np.float64)
multi = np.asarray(data["multi"], dtype=bool)
started = time.perf_counter()
pairs = len(r)
# Each request takes at most one pair.
requests = csr_matrix((np.ones(pairs), (r, np.arange(pairs))), shape=(len(size), pairs))
requests = requests[np.diff(requests.indptr) > 1]
# Each offer, on each night one of its candidates arrives: what stays fits.
night_rows, night_cols, night_vals, caps = [], [], [], []
by_offer = np.argsort(o, kind="stable")
edges = np.searchsorted(o[by_offer], np.arange(len(beds) + 1))
for offer in range(len(beds)):
    members = by_offer[edges[offer] : edges[offer + 1]]
    if len(members) < 2:
        continue
    weight = size[r[members]] if multi[offer] else np.ones(len(members))
    cap = float(beds[offer]) if multi[offer] else 1.0
    for night in np.unique(start[members]):
        staying = (start[members] <= night) & (night < end[members])
        if weight[staying].sum() <= cap:
            continue
        night_rows.extend([len(caps)] * int(staying.sum()))
        night_cols.extend(members[staying].tolist())
        night_vals.extend(weight[staying].tolist())
        caps.append(cap)
nights = csr_matrix((night_vals, (night_rows, night_cols)), shape=(len(caps), pairs))
matrix = vstack([requests, nights]).tocsr()
upper = np.concatenate([np.ones(requests.shape[0]), np.asarray(caps)])
people = size[r]
result = {"pairs": pairs, "rows": len(upper)}
if pairs == 0:
    result.update(people=0, bound=0, relaxedBound=0, optimal=True)
else:
    deadline = time.perf_counter() + float(data.get("timeLimit", 600))
    # The relaxation by interior point: a full surge's 670,000 pairs take minutes, where the
    # integer search had found no solution after several.
    relaxed = linprog(
        -people,
        A_ub=matrix if len(upper) else None,
        b_ub=upper if len(upper) else None,
        bounds=(0, 1),
        method="highs-ipm",
        options={"time_limit": max(1.0, deadline - time.perf_counter())},
    )
    result["relaxedBound"] = int(np.floor(-relaxed.fun + 1e-6)) if relaxed.status == 0 else None
    result.update(people=None, bound=result["relaxedBound"], optimal=False)
    if pairs <= MILP_PAIRS:
        solved = milp(
            -people,
            constraints=[LinearConstraint(matrix, -np.inf, upper)] if len(upper) else [],
            integrality=np.ones(pairs),
            bounds=Bounds(0, 1),
            options={"time_limit": max(1.0, deadline - time.perf_counter())},
        )
        if solved.x is not None:
            result["people"] = int(round(-solved.fun))
        bound = getattr(solved, "mip_dual_bound", None)
        if bound is not None:
            found = int(np.floor(-bound + 1e-6))
            result["bound"] = found if result["bound"] is None else min(result["bound"], found)
        result["optimal"] = bool(solved.status == 0)
result["seconds"] = round(time.perf_counter() - started, 1)
print(json.dumps(result))
