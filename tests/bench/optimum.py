"""The optimum of a benchmark pool, from SciPy, independent of Haven's solver.

The objective is docs/product.md's: the most people placed, then the highest total score among such
sets. Scores are the integers Haven's solver uses (round(score * 1e6)), so totals compare exactly.

assignment: every offer hosts one party -> scipy.sparse.csgraph.min_weight_full_bipartite_matching
            on the feasible edges plus one private "unassigned" column per request, each edge
            weighing its party's people times (requests * 1e6 + 1) plus its score: one more
            person outweighs any total of scores (exact in float64 at the bench's sizes).
milp:       multi-party offers hold several parties while beds last -> scipy.optimize.milp (HiGHS),
            per connected component. Each multi-party offer takes one of its cuttings (pattern):
            a binary y[o, p] per maximal way to cut its beds into seats of its candidates' sizes
            (docs/matching.md), at most one per offer, and the parties of at least k people it
            takes are at most the seats of at least k beds of the cutting it takes. Those nested
            counts say exactly when the parties fit the seats (Hall's condition). With the
            cuttings fixed the rest is an assignment whose rows (one per request, nested ones per
            offer) form two laminar families, a totally unimodular matrix: only the cuttings need
            to be integers, not the pairs. Cuttings rather than integer seat counts per size
            (sum k * z[o, k] <= beds) make the LP as tight as each offer's beds allow: on the
            benchmark's M the seat counts' LP allows 5,693.4 people in the largest part, the
            cuttings' 5,684.5, and HiGHS proves 5,684 at the root, where with seat counts it
            could not close that part in 300 s.
            Two passes: the most people P; then people * lam + score, with lam = 3 (a person
            worth 3 of score) doubled until the optimum places P people again. Any set placing P
            people scores at most that optimum less lam * P, so the result is the lexicographic
            optimum; a small lam keeps the second LP close to the score (a person worth the
            part's whole score range, as before, left the LP bound far above it).

Bounds are reported only as far as they are proven: `peopleBound` is the first pass's (the most
people any solution places is at most it); `scoreBound` bounds the score of the sets placing the
most people, so it exists only where the first pass proved that most; `optimal` only when both
passes did, in every component.
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
    # Leaving a request unassigned costs more than any edge (a pool may have no edge at all).
    big = float(lexicographic.max(initial=0.0)) + 1.0
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

    beds = np.asarray(data["beds"], dtype=np.int64)
    multi = np.asarray(data["multi"], dtype=bool)
    graph = csr_matrix((np.ones(len(w)), (r, n + o)), shape=(n + m, n + m))
    _, label = connected_components(graph, directed=False)
    edge_label = label[r]
    deadline = time.perf_counter() + float(data.get("timeLimit", 300))

    def seat_counts(free, seat_sizes):
        """Per maximal cutting of `free` beds into seats of these sizes: its seats of at least
        each size. Cuttings another one has at least as many seats of every size as are left out."""
        found = set()

        def extend(left, smallest, seats):
            fits = [k for k in seat_sizes if k <= left and k >= smallest]
            for k in fits:
                extend(left - k, k, seats + [k])
            if not any(k <= left for k in seat_sizes):
                found.add(tuple(sum(1 for s in seats if s >= k) for k in seat_sizes))

        extend(free, 0, [])
        return [c for c in found if not any(d != c and all(a >= b for a, b in zip(d, c)) for d in found)]

    # Smallest first: the small parts close quickly and leave their time to the large ones.
    parts = sorted(set(edge_label.tolist()), key=lambda part: int((edge_label == part).sum()))
    total, people, placements = 0.0, 0, 0
    people_bound, score_bound, optimal, people_optimal = 0, 0.0, True, True
    for i, part in enumerate(parts):
        chosen = np.flatnonzero(edge_label == part)
        pr, po, pw = r[chosen], o[chosen], w[chosen]
        people_of = sizes[pr]
        edges = len(pw)
        requests, request_index = np.unique(pr, return_inverse=True)
        offers, offer_index = np.unique(po, return_inverse=True)
        rows, cols, vals, upper = [], [], [], []

        def row(columns, values, most):
            rows.extend([len(upper)] * len(columns))
            cols.extend(columns)
            vals.extend(values)
            upper.append(most)

        by_request, by_offer = {}, {}
        for e in range(edges):
            by_request.setdefault(request_index[e], []).append(e)
            by_offer.setdefault(offer_index[e], []).append(e)
        for members in by_request.values():
            row(members, [1.0] * len(members), 1.0)
        columns = edges
        for local, members in by_offer.items():
            offer = offers[local]
            if not multi[offer]:
                row(members, [1.0] * len(members), 1.0)
                continue
            seat_sizes = sorted({int(people_of[e]) for e in members})
            cuttings = seat_counts(int(beds[offer]), seat_sizes)
            taken = list(range(columns, columns + len(cuttings)))
            columns += len(cuttings)
            row(taken, [1.0] * len(taken), 1.0)
            for j, k in enumerate(seat_sizes):
                takers = [e for e in members if people_of[e] >= k]
                row(takers + taken, [1.0] * len(takers) + [-float(c[j]) for c in cuttings], 0.0)
        matrix = csr_matrix((vals, (rows, cols)), shape=(len(upper), columns))
        capacity = LinearConstraint(matrix, -np.inf, np.asarray(upper))
        bounds = Bounds(0, 1)
        cuttings_only = np.concatenate([np.zeros(edges), np.ones(columns - edges)])
        # The part's share of the time left; the first pass may take half of it (it mostly
        # closes at the root), the second what the first left.
        part_deadline = time.perf_counter() + max(1.0, (deadline - time.perf_counter()) / (len(parts) - i))

        def solve(cost, share):
            left = max(1.0, (part_deadline - time.perf_counter()) * share)
            # Scores are integers: a gap below one proves the optimum exactly.
            options = {"time_limit": left, "mip_rel_gap": 0.0}
            cost = np.concatenate([cost, np.zeros(columns - edges)])
            return milp(cost, constraints=capacity, integrality=cuttings_only, bounds=bounds, options=options)

        most = solve(-people_of, 0.5)
        most_people = round(-most.fun) if most.x is not None else 0
        proven_most = most.status == 0
        # Integer data: the first pass's bound, floored, bounds the people of any solution.
        part_bound = getattr(most, "mip_dual_bound", None)
        # Without a bound from HiGHS, every request of the part placed bounds it (each once).
        everyone = int(sizes[requests].sum())
        if proven_most:
            people_bound += most_people
        elif part_bound is not None and np.isfinite(part_bound):
            people_bound += min(everyone, int(np.floor(-part_bound + 1e-6)))
        else:
            people_bound += everyone
        # A person outweighing the part's whole score range always places the most people.
        per_person, most_weight = 3e6, len(requests) * 1e6 + 1
        while True:
            solution = solve(-(people_of * per_person + pw), 1.0)
            x = np.round(solution.x[:edges]) if solution.x is not None else np.zeros(edges)
            if solution.x is None or int(np.dot(x, people_of)) >= most_people or per_person >= most_weight:
                break
            per_person = min(most_weight, per_person * 2)
        total += float(np.dot(x, pw))
        people += int(np.dot(x, people_of))
        placements += int(x.sum())
        people_optimal = people_optimal and proven_most
        placed_most = proven_most and int(np.dot(x, people_of)) == most_people
        optimal = optimal and placed_most and solution.status == 0
        # The second pass's bound less the most people's weight bounds the score of every set
        # placing the most people: only where the first pass proved that most.
        score_part = getattr(solution, "mip_dual_bound", None)
        if placed_most and solution.status == 0:
            score_bound += float(np.dot(x, pw))
        elif proven_most and score_part is not None and np.isfinite(score_part):
            score_bound += float(-score_part) - most_people * per_person
        else:
            score_bound = float("nan")
    result = {
        "total": total / 1e6,
        "people": people,
        "placements": placements,
        "optimal": bool(optimal),
        "peopleOptimal": bool(people_optimal),
        "peopleBound": people_bound,
        "scoreBound": None if np.isnan(score_bound) else score_bound / 1e6,
    }
result["seconds"] = time.perf_counter() - started
print(json.dumps(result))
