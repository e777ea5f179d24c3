"""The optimum of a pool under rule 1 night by night, from SciPy, independent of Haven's solver.

Haven's solver seats each offer once for all nights; night-by-night.ts then seats stays one after
another where nights allow, and the matcher solves again with what it wrote held (later-stays.ts).
The honest reference for what the matcher proposes is therefore the optimum under rule 1 as
written: on every night, the parties staying in an offer, beside the beds its proposals already
hold, fit its beds (one party at a time in a single-party offer). One binary x[p] per allowed
pair; each request takes at most one; for each offer and each night on which one of its
candidates or holds arrives (what stays only grows on an arrival), the sizes (single-party: the
count) of the pairs staying that night are at most its beds less what is held (single-party: 1,
or 0 on a held night). Unlike optimum.py's cuttings these rows are not tight, but they are few
per offer, and the pool falls apart into one part per country (no pair crosses a border), each
solved alone.

The objective is docs/matching.md's: the most people P; then, given `w` (each pair's score in the
solvers' whole millionths), a second pass for the highest score among the sets that place at
least P people (one more row, people >= P): exactly the sets placing the most, where the first
pass proved P. Without `w` only people are sought (the surge bench compares people).

Input (JSON, argv[1]): r, o (pair -> request, offer), size (per request), start, end (per pair:
the stay's first night and the morning of departure, day numbers), beds, multi (per offer);
optional w (per pair), holds ([offer, start, end, beds] each), timeLimit (s, in all), milpPairs,
partTimeLimit (s: the most any one part may take, its relaxation included; a part cut off is
unproven, and its share of `bound` is what its search or its relaxation proved in that time).
Output: bound (no set of pairs places more people). Above milpPairs pairs (default MILP_PAIRS)
only that, from the linear relaxation. Otherwise also people and chosen (the pairs of the best set
found in the time), peopleOptimal (people is the most any set places), and with w: total (its
score), scoreBound (bounds the score of the sets placing the most people: only where the first
pass proved that most); optimal when every pass proved its optimum in every part; slowestPart
(seconds: the largest country's, as a rule). Parts of 10,000 pairs or more say on stderr how
long each pass took.
"""
import json
import sys
import time

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import csr_matrix, vstack
from scipy.sparse.csgraph import connected_components

# Above this many pairs only the relaxation's bound is sought (the surge's full pool: after
# several minutes the integer search had found no solution).
MILP_PAIRS = 50_000

data = json.load(open(sys.argv[1]))
r = np.asarray(data["r"], dtype=np.int64)
o = np.asarray(data["o"], dtype=np.int64)
size = np.asarray(data["size"], dtype=np.float64)
start = np.asarray(data["start"], dtype=np.int64)
end = np.asarray(data["end"], dtype=np.int64)
beds = np.asarray(data["beds"], dtype=np.float64)
multi = np.asarray(data["multi"], dtype=bool)
w = np.asarray(data["w"], dtype=np.float64) if "w" in data else None
holds = data.get("holds", [])
started = time.perf_counter()
deadline = started + float(data.get("timeLimit", 600))
part_limit = float(data.get("partTimeLimit", np.inf))
pairs = len(r)
# Each request takes at most one pair.
requests = csr_matrix((np.ones(pairs), (r, np.arange(pairs))), shape=(len(size), pairs))
requests = requests[np.diff(requests.indptr) > 1]
held_by_offer = {}
for offer, arrival, departure, held in holds:
    held_by_offer.setdefault(offer, []).append((arrival, departure, held))
# Each offer, on each night one of its candidates or holds arrives: what stays fits.
night_rows, night_cols, night_vals, caps = [], [], [], []
by_offer = np.argsort(o, kind="stable")
edges = np.searchsorted(o[by_offer], np.arange(len(beds) + 1))
for offer in range(len(beds)):
    members = by_offer[edges[offer] : edges[offer + 1]]
    offer_holds = held_by_offer.get(offer, [])
    if len(members) < 2 and not offer_holds:
        continue
    weight = size[r[members]] if multi[offer] else np.ones(len(members))
    rows_here = []
    for night in np.unique(np.concatenate([start[members], [arrival for arrival, _, _ in offer_holds]])):
        staying = (start[members] <= night) & (night < end[members])
        held = sum(count for arrival, departure, count in offer_holds if arrival <= night < departure)
        cap = float(beds[offer] - held) if multi[offer] else (0.0 if held > 0 else 1.0)
        if weight[staying].sum() > cap:
            rows_here.append((night, staying, cap))
    for (night, staying, cap), following in zip(rows_here, rows_here[1:] + [None]):
        # A night whose stayers all stay on to the next such night, as tight there, says nothing
        # more: only the others make rows (on the benchmark's M, about half fewer).
        if following is not None and following[2] <= cap and (end[members][staying] > following[0]).all():
            continue
        night_rows.extend([len(caps)] * int(staying.sum()))
        night_cols.extend(members[staying].tolist())
        night_vals.extend(weight[staying].tolist())
        caps.append(cap)
nights = csr_matrix((night_vals, (night_rows, night_cols)), shape=(len(caps), pairs))
matrix = vstack([requests, nights]).tocsc()
upper = np.concatenate([np.ones(requests.shape[0]), np.asarray(caps)])
people = size[r]
result = {"pairs": pairs, "rows": len(upper)}


def solve(columns, cost, rows, most, least, seconds):
    """The milp over these pairs: maximise -cost within the rows (most above, least below)."""
    return milp(
        cost,
        constraints=[LinearConstraint(rows, least, most)] if rows.shape[0] else [],
        integrality=np.ones(len(columns)),
        bounds=Bounds(0, 1),
        # Scores are integers: a gap below one proves the optimum exactly.
        options={"time_limit": max(0.0, seconds), "mip_rel_gap": 0.0},
    )


if pairs == 0:
    result.update(people=0, bound=0, optimal=True, peopleOptimal=True, chosen=[])
    if w is not None:
        result.update(total=0.0, scoreBound=0.0)
else:
    result.update(people=None, bound=None, optimal=False, peopleOptimal=False)
    if pairs > int(data.get("milpPairs", MILP_PAIRS)):
        # The relaxation by interior point: a full surge's 670,000 pairs take minutes, where
        # the integer search had found no solution after several.
        relaxed = linprog(
            -people,
            A_ub=matrix if len(upper) else None,
            b_ub=upper if len(upper) else None,
            bounds=(0, 1),
            method="highs-ipm",
            options={"time_limit": max(1.0, deadline - time.perf_counter())},
        )
        result["bound"] = int(np.floor(-relaxed.fun + 1e-6)) if relaxed.status == 0 else None
    else:
        graph = csr_matrix((np.ones(pairs), (r, len(size) + o)), shape=(len(size) + len(beds),) * 2)
        _, label = connected_components(graph, directed=False)
        pair_label = label[r]
        # Smallest first: the small parts close quickly and leave their time to the large ones.
        parts = sorted(set(pair_label.tolist()), key=lambda part: int((pair_label == part).sum()))
        chosen, bound, total, score_bound, slowest = [], 0, 0.0, 0.0, 0.0
        people_optimal, optimal = True, True
        for i, part in enumerate(parts):
            part_started = time.perf_counter()
            columns = np.flatnonzero(pair_label == part)
            rows = matrix[:, columns].tocsr()
            used = np.diff(rows.indptr) > 0
            rows, most = rows[used], upper[used]
            least = np.full(len(most), -np.inf)
            pp = people[columns]
            # The part's share of the time left (at least a second, at most part_limit); the
            # first pass may take half of it.
            share = max(1.0, (deadline - time.perf_counter()) / (len(parts) - i))
            part_deadline = time.perf_counter() + min(share, part_limit)
            first = solve(columns, -pp, rows, most, least, (part_deadline - time.perf_counter()) * 0.5)
            x = np.round(first.x) if first.x is not None else np.zeros(len(columns))
            placed = int(np.dot(x, pp))
            proven = first.status == 0
            people_optimal = people_optimal and proven
            # Integer data: the first pass's bound, floored, bounds the people of any set here.
            part_bound = getattr(first, "mip_dual_bound", None)
            if proven:
                bound += placed
            else:
                # Unproven, the least of the search's bound and the linear relaxation's (HiGHS
                # may stop before its root LP is solved: the interior point method takes a
                # part of the benchmark's M in a minute). The relaxation has what is left of the
                # part's time, at most 300 s: unbounded, M's unproven parts took 25 minutes.
                # Everyone of the part's requests placed: each request takes at most one pair.
                candidates = [int(size[np.unique(r[columns])].sum())]
                if part_bound is not None and np.isfinite(part_bound):
                    candidates.append(int(np.floor(-part_bound + 1e-6)))
                relaxed = linprog(
                    -pp,
                    A_ub=rows,
                    b_ub=most,
                    bounds=(0, 1),
                    method="highs-ipm",
                    options={"time_limit": min(300.0, max(1e-6, part_deadline - time.perf_counter()))},
                )
                if relaxed.status == 0:
                    candidates.append(int(np.floor(-relaxed.fun + 1e-6)))
                bound += min(candidates)
            optimal = optimal and proven
            if w is not None:
                # The best score among the sets placing as many people as the first pass found.
                second = solve(
                    columns,
                    -w[columns],
                    vstack([rows, csr_matrix(pp.reshape(1, -1))]).tocsr(),
                    np.append(most, np.inf),
                    np.append(least, placed),
                    part_deadline - time.perf_counter(),
                )
                if second.x is not None:
                    x = np.round(second.x)
                total += float(np.dot(x, w[columns]))
                optimal = optimal and second.status == 0
                score_part = getattr(second, "mip_dual_bound", None)
                if proven and second.status == 0:
                    score_bound += float(np.dot(x, w[columns]))
                elif proven and score_part is not None and np.isfinite(score_part):
                    score_bound += float(-score_part)
                else:
                    score_bound = float("nan")
            chosen.extend(columns[x > 0.5].tolist())
            part_seconds = time.perf_counter() - part_started
            slowest = max(slowest, part_seconds)
            if len(columns) >= 10_000:
                print(
                    f"part of {len(columns)} pairs: {int(np.dot(x, pp))} people ({'proven' if proven else 'not proven'}), "
                    f"score {'proven' if w is None or second.status == 0 else 'not proven'}, {part_seconds:.0f} s",
                    file=sys.stderr,
                )
        result.update(
            people=int(people[chosen].sum()),
            chosen=chosen,
            bound=bound,
            peopleOptimal=bool(people_optimal),
            optimal=bool(optimal),
            slowestPart=round(slowest, 1),
        )
        if w is not None:
            result["total"] = total / 1e6
            result["scoreBound"] = None if np.isnan(score_bound) else score_bound / 1e6
result["seconds"] = round(time.perf_counter() - started, 1)
print(json.dumps(result))
