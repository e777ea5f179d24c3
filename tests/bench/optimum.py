"""The optimum of a benchmark pool, from SciPy, independent of Haven's solver.

assignment: every offer hosts one party -> scipy.sparse.csgraph.min_weight_full_bipartite_matching
            on the feasible edges plus one private "unassigned" column per request.
milp:       multi-party offers hold several parties while beds last -> scipy.optimize.milp (HiGHS)
            with one binary per feasible edge.
Weights are the integers Haven's solver uses (round(score * 1e6)), so totals compare exactly.
"""
import json
import sys
import time

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

data = json.load(open(sys.argv[1]))
n, m = data["requests"], data["offers"]
r = np.asarray(data["r"], dtype=np.int64)
o = np.asarray(data["o"], dtype=np.int64)
w = np.asarray(data["w"], dtype=np.float64)
started = time.perf_counter()
if data["mode"] == "assignment":
    big = 1_000_001.0
    rows = np.concatenate([r, np.arange(n)])
    cols = np.concatenate([o, m + np.arange(n)])
    vals = np.concatenate([big - w, np.full(n, big)])
    matrix = csr_matrix((vals, (rows, cols)), shape=(n, m + n))
    row_ind, col_ind = min_weight_full_bipartite_matching(matrix)
    weight = {(int(a), int(b)): float(c) for a, b, c in zip(r, o, w)}
    chosen = [weight[(int(a), int(b))] for a, b in zip(row_ind, col_ind) if b < m]
    result = {"total": sum(chosen) / 1e6, "placements": len(chosen), "optimal": True}
else:
    sizes = np.asarray(data["sizes"], dtype=np.float64)
    beds = np.asarray(data["beds"], dtype=np.float64)
    multi = np.asarray(data["multi"], dtype=bool)
    edges = len(w)
    index = np.arange(edges)
    by_request = csr_matrix((np.ones(edges), (r, index)), shape=(n, edges))
    coefficient = np.where(multi[o], sizes[r], 1.0)
    by_offer = csr_matrix((coefficient, (o, index)), shape=(m, edges))
    upper = np.where(multi, beds, 1.0)
    solution = milp(
        -w,
        constraints=[LinearConstraint(by_request, -np.inf, 1.0), LinearConstraint(by_offer, -np.inf, upper)],
        integrality=np.ones(edges),
        bounds=Bounds(0, 1),
        options={"time_limit": float(data.get("timeLimit", 300)), "mip_rel_gap": 0.0},
    )
    x = np.round(solution.x) if solution.x is not None else np.zeros(edges)
    result = {
        "total": float(np.dot(x, w)) / 1e6,
        "placements": int(x.sum()),
        "optimal": bool(solution.status == 0),
        "bound": float(-solution.mip_dual_bound) / 1e6 if getattr(solution, "mip_dual_bound", None) is not None else None,
    }
result["seconds"] = time.perf_counter() - started
print(json.dumps(result))
