"""The optimum of a benchmark pool, from SciPy, independent of Haven's solver.

The objective is PRODUCT.md's: the most people placed, then the highest total score among such
sets. Scores are the integers Haven's solver uses (round(score * 1e6)), so totals compare exactly.

assignment: every offer hosts one party -> scipy.sparse.csgraph.min_weight_full_bipartite_matching
            on the feasible edges plus one private "unassigned" column per request, each edge
            weighing its party's people times (requests * 1e6 + 1) plus its score: one more
            person outweighs any total of scores (exact in float64 at the bench's sizes).
milp:       multi-party offers hold several parties while beds last -> scipy.optimize.milp (HiGHS)
            with one binary per feasible edge, in two passes: the most people, then, with at
            least that many people, the highest score.
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
sizes = np.asarray(data["sizes"], dtype=np.float64)
o = np.asarray(data["o"], dtype=np.int64)
w = np.asarray(data["w"], dtype=np.float64)
started = time.perf_counter()
if data["mode"] == "assignment":
    lexicographic = sizes[r] * (n * 1e6 + 1) + w
    big = float(lexicographic.max()) + 1.0
    rows = np.concatenate([r, np.arange(n)])
    cols = np.concatenate([o, m + np.arange(n)])
    vals = np.concatenate([big - lexicographic, np.full(n, big)])
    matrix = csr_matrix((vals, (rows, cols)), shape=(n, m + n))
    row_ind, col_ind = min_weight_full_bipartite_matching(matrix)
    weight = {(int(a), int(b)): float(c) for a, b, c in zip(r, o, w)}
    pairs = [(int(a), int(b)) for a, b in zip(row_ind, col_ind) if b < m]
    result = {
        "total": sum(weight[pair] for pair in pairs) / 1e6,
        "people": int(sum(sizes[a] for a, _ in pairs)),
        "placements": len(pairs),
        "optimal": True,
    }
else:
    # Countries never share a pair, so the pool splits into connected components: each is a
    # smaller milp, and the optimum is their sum (HiGHS is far faster on the parts).
    from scipy.sparse.csgraph import connected_components

    beds = np.asarray(data["beds"], dtype=np.float64)
    multi = np.asarray(data["multi"], dtype=bool)
    graph = csr_matrix((np.ones(len(w)), (r, n + o)), shape=(n + m, n + m))
    _, label = connected_components(graph, directed=False)
    edge_label = label[r]
    deadline = time.perf_counter() + float(data.get("timeLimit", 300))
    # Smallest first: the small parts close quickly and leave their time to the large ones.
    parts = sorted(set(edge_label.tolist()), key=lambda part: int((edge_label == part).sum()))
    total, people, placements, optimal, bound = 0.0, 0, 0, True, 0.0
    for i, part in enumerate(parts):
        chosen = np.flatnonzero(edge_label == part)
        pr, po, pw = r[chosen], o[chosen], w[chosen]
        requests, request_index = np.unique(pr, return_inverse=True)
        offers, offer_index = np.unique(po, return_inverse=True)
        edges = len(pw)
        index = np.arange(edges)
        by_request = csr_matrix((np.ones(edges), (request_index, index)), shape=(len(requests), edges))
        coefficient = np.where(multi[po], sizes[pr], 1.0)
        by_offer = csr_matrix((coefficient, (offer_index, index)), shape=(len(offers), edges))
        upper = np.where(multi[offers], beds[offers], 1.0)
        left = max(1.0, (deadline - time.perf_counter()) / (len(parts) - i))
        capacity = [LinearConstraint(by_request, -np.inf, 1.0), LinearConstraint(by_offer, -np.inf, upper)]
        options = {"time_limit": left / 2, "mip_rel_gap": 0.0}
        people_of = sizes[pr]
        most = milp(-people_of, constraints=capacity, integrality=np.ones(edges), bounds=Bounds(0, 1), options=options)
        most_people = round(-most.fun) if most.x is not None else 0
        keep_people = LinearConstraint(people_of.reshape(1, -1), most_people, np.inf)
        solution = milp(
            -pw,
            constraints=[*capacity, keep_people],
            integrality=np.ones(edges),
            bounds=Bounds(0, 1),
            options=options,
        )
        x = np.round(solution.x) if solution.x is not None else np.zeros(edges)
        total += float(np.dot(x, pw))
        people += int(np.dot(x, people_of))
        placements += int(x.sum())
        optimal = optimal and most.status == 0 and solution.status == 0
        part_bound = getattr(solution, "mip_dual_bound", None)
        bound += float(-part_bound) if part_bound is not None else float(pw.sum())
    result = {
        "total": total / 1e6,
        "people": people,
        "placements": placements,
        "optimal": bool(optimal),
        "bound": bound / 1e6,
    }
result["seconds"] = time.perf_counter() - started
print(json.dumps(result))
