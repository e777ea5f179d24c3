import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AssignmentState, NONE } from '../../shared/domain/matching/solver/assignment-state.ts';
import { DynamicAssignment } from '../../shared/domain/matching/solver/dynamic-assignment.ts';
import { PairTable } from '../../shared/domain/matching/solver/pair-table.ts';

interface Edge {
  readonly row: number;
  readonly column: number;
  readonly weight: number;
}

/** Every way to give each row one column with room, or none: the reference optimum. */
function bruteForce(rows: number, capacity: readonly number[], edges: readonly Edge[]): number {
  const used = capacity.map(() => 0);
  const search = (row: number): number => {
    if (row === rows) return 0;
    let best = search(row + 1);
    for (const edge of edges) {
      if (edge.row !== row || (used[edge.column] as number) >= (capacity[edge.column] as number)) continue;
      used[edge.column] = (used[edge.column] as number) + 1;
      best = Math.max(best, edge.weight + search(row + 1));
      used[edge.column] = (used[edge.column] as number) - 1;
    }
    return best;
  };
  return search(0);
}

/** The assignment is a real one: each row once, no column over its capacity, only given edges. */
function expectValid(solver: DynamicAssignment, capacity: readonly number[], edges: readonly Edge[]) {
  const ids = solver.assignment();
  const load = capacity.map(() => 0);
  let total = 0;
  ids.forEach((id, row) => {
    if (id < 0) return;
    const edge = edges[id] as Edge;
    expect(edge.row).toBe(row);
    expect(solver.columnOf(row)).toBe(edge.column);
    load[edge.column] = (load[edge.column] as number) + 1;
    total += edge.weight;
  });
  load.forEach((n, column) => {
    expect(n).toBeLessThanOrEqual(capacity[column] as number);
  });
  expect(solver.total).toBe(total);
}

const problem = fc
  .record({ rows: fc.integer({ min: 1, max: 7 }), columns: fc.integer({ min: 1, max: 5 }) })
  .chain(({ rows, columns }) =>
    fc.record({
      rows: fc.constant(rows),
      capacity: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: columns, maxLength: columns }),
      edges: fc.uniqueArray(
        fc.record({
          row: fc.integer({ min: 0, max: rows - 1 }),
          column: fc.integer({ min: 0, max: columns - 1 }),
          weight: fc.integer({ min: 1, max: 30 }),
        }),
        { selector: (edge) => `${edge.row}:${edge.column}`, maxLength: rows * columns },
      ),
      // Where the edges are cut into batches, and capacities changed between them.
      cuts: fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 4 }),
      changes: fc.array(fc.record({ column: fc.nat(), capacity: fc.integer({ min: 0, max: 3 }) }), {
        maxLength: 4,
      }),
    }),
  );

describe('dynamic assignment', () => {
  it('finds the optimum when every edge is given at once', () => {
    fc.assert(
      fc.property(problem, ({ rows, capacity, edges }) => {
        const solver = new DynamicAssignment(rows);
        for (const c of capacity) solver.addColumn(c);
        edges.forEach((edge, id) => {
          solver.addEdge(edge.row, edge.column, edge.weight, id);
        });
        solver.solve();
        expectValid(solver, capacity, edges);
        expect(solver.total).toBe(bruteForce(rows, capacity, edges));
      }),
      { numRuns: 400 },
    );
  });

  it('stays optimal as edges arrive in batches and capacities rise, fall or close between them', () => {
    fc.assert(
      fc.property(problem, ({ rows, capacity: initial, edges, cuts, changes }) => {
        const capacity = [...initial];
        const solver = new DynamicAssignment(rows);
        for (const c of capacity) solver.addColumn(c);
        const bounds = [...new Set(cuts.map((cut) => Math.min(cut, edges.length)))].sort((a, b) => a - b);
        let added = 0;
        for (const [step, bound] of [...bounds, edges.length].entries()) {
          for (; added < bound; added++) {
            const edge = edges[added] as Edge;
            solver.addEdge(edge.row, edge.column, edge.weight, added);
          }
          const change = changes[step];
          if (change) {
            const column = change.column % capacity.length;
            capacity[column] = change.capacity;
            solver.setCapacity(column, change.capacity);
          }
          solver.solve();
          const given = edges.slice(0, added);
          expectValid(solver, capacity, given);
          expect(solver.total).toBe(bruteForce(rows, capacity, given));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('stays optimal reading its edges’ rows and columns from the caller’s table as that table grows between batches', () => {
    fc.assert(
      fc.property(problem, ({ rows, capacity, edges, cuts }) => {
        const solver = new DynamicAssignment(rows);
        for (const c of capacity) solver.addColumn(c);
        const pairs = new PairTable();
        const bounds = [...new Set(cuts.map((cut) => Math.min(cut, edges.length)))].sort((a, b) => a - b);
        let added = 0;
        for (const bound of [...bounds, edges.length]) {
          for (let pair = pairs.length; pair < bound; pair++) {
            const edge = edges[pair] as Edge;
            pairs.push(edge.row, edge.column, edge.weight, 1);
          }
          solver.shareEnds(pairs.request, pairs.offer);
          for (; added < bound; added++) {
            const edge = edges[added] as Edge;
            solver.addEdge(edge.row, edge.column, edge.weight, added);
          }
          solver.solve();
          const given = edges.slice(0, added);
          expectValid(solver, capacity, given);
          expect(solver.total).toBe(bruteForce(rows, capacity, given));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('gives each row the dual of its worth: a new column raises the optimum exactly when its edge beats it', () => {
    fc.assert(
      fc.property(
        problem,
        fc.nat(),
        fc.integer({ min: 1, max: 30 }),
        ({ rows, capacity, edges }, pick, weight) => {
          const solver = new DynamicAssignment(rows);
          for (const c of capacity) solver.addColumn(c);
          edges.forEach((edge, id) => {
            solver.addEdge(edge.row, edge.column, edge.weight, id);
          });
          solver.solve();
          const before = solver.total;
          const row = pick % rows;
          const dual = solver.greatestRowDuals()[row] as number;
          solver.addEdge(row, solver.addColumn(1), weight, edges.length);
          solver.solve();
          expect(solver.total > before).toBe(weight > dual);
          expect(solver.total).toBe(
            bruteForce(rows, [...capacity, 1], [...edges, { row, column: capacity.length, weight }]),
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it('gives column duals with the greatest row duals: an edge that beats neither together cannot help', () => {
    fc.assert(
      fc.property(
        problem,
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 1, max: 30 }),
        (p, pickRow, pickColumn, weight) => {
          const { rows, capacity, edges } = p;
          const row = pickRow % rows;
          const column = pickColumn % capacity.length;
          const old = edges.filter((edge) => edge.row !== row || edge.column !== column);
          const solver = new DynamicAssignment(rows);
          for (const c of capacity) solver.addColumn(c);
          old.forEach((edge, id) => {
            solver.addEdge(edge.row, edge.column, edge.weight, id);
          });
          const duals = solver.greatestDuals();
          const before = solver.total;
          // The duals prove the optimum: every edge feasible, the sum of duals equal to the total.
          for (const edge of old)
            if ((capacity[edge.column] as number) > 0)
              expect(
                (duals.rows[edge.row] as number) + (duals.columns[edge.column] as number),
              ).toBeGreaterThanOrEqual(edge.weight);
          const dualSum =
            duals.rows.reduce((sum, u) => sum + u, 0) +
            capacity.reduce((sum, c, at) => sum + c * (duals.columns[at] as number), 0);
          expect(dualSum).toBe(before);
          solver.addEdge(row, column, weight, old.length);
          solver.solve();
          // Beating both is needed, not enough: other optimal duals may price the pair out.
          const priced =
            (capacity[column] as number) > 0 &&
            weight > (duals.rows[row] as number) + (duals.columns[column] as number);
          expect(priced || solver.total === before).toBe(true);
          expect(solver.total).toBe(bruteForce(rows, capacity, [...old, { row, column, weight }]));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('gives the duals of the optimum as changed, closed columns included, when the changes are not solved yet', () => {
    fc.assert(
      fc.property(
        problem,
        fc.nat(),
        fc.integer({ min: 1, max: 30 }),
        ({ rows, capacity: initial, edges, changes }, pick, weight) => {
          const solver = new DynamicAssignment(rows);
          for (const c of initial) solver.addColumn(c);
          edges.forEach((edge, id) => {
            solver.addEdge(edge.row, edge.column, edge.weight, id);
          });
          solver.solve();
          const capacity = [...initial];
          for (const change of changes) {
            const column = change.column % capacity.length;
            capacity[column] = change.capacity;
            solver.setCapacity(column, change.capacity);
          }
          const row = pick % rows;
          const dual = solver.greatestRowDuals()[row] as number;
          const before = solver.total;
          expect(before).toBe(bruteForce(rows, capacity, edges));
          solver.addEdge(row, solver.addColumn(1), weight, edges.length);
          solver.solve();
          expect(solver.total > before).toBe(weight > dual);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('starts from another problem’s optimum, or any duals and seats, and still solves this one exactly', () => {
    fc.assert(
      fc.property(
        problem,
        fc.boolean(),
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 7, maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 7 }),
        ({ rows, capacity: initial, edges, changes }, fromOptimum, anyDuals, anySeats) => {
          // The start: the optimum of the problem before the changes (as the relaxation hands
          // its optimum to the seating), or duals and seats that prove nothing.
          const before = new DynamicAssignment(rows);
          for (const c of initial) before.addColumn(c);
          edges.forEach((edge, id) => {
            before.addEdge(edge.row, edge.column, edge.weight, id);
          });
          const kept = before.keptDuals();
          const duals = fromOptimum
            ? kept
            : { rows: Float64Array.from(anyDuals), columns: Float64Array.from(anyDuals) };
          const seats = fromOptimum
            ? Array.from({ length: rows }, (_, row) => before.columnOf(row))
            : Array.from({ length: rows }, (_, row) => (anySeats[row] ?? 0) % initial.length);
          const capacity = [...initial];
          for (const change of changes) capacity[change.column % capacity.length] = change.capacity;
          const solver = new DynamicAssignment(rows);
          solver.startFrom(duals.rows.subarray(0, rows));
          capacity.forEach((c, column) => {
            solver.addColumn(c, duals.columns[column] as number);
          });
          edges.forEach((edge, id) => {
            solver.addEdge(edge.row, edge.column, edge.weight, id);
          });
          seats.forEach((column, row) => {
            if (column >= 0) solver.seat(row, column);
          });
          solver.settle();
          solver.solve();
          expectValid(solver, capacity, edges);
          expect(solver.total).toBe(bruteForce(rows, capacity, edges));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('gives the greatest row duals: a left-out edge helps only when its weight exceeds its row’s', () => {
    // Row 0 gives its first choice (10 in column 0) to row 1 (7 there) and takes 4 in column 1.
    const solver = new DynamicAssignment(2);
    solver.addColumn(1);
    solver.addColumn(1);
    solver.addEdge(0, 0, 10, 0);
    solver.addEdge(0, 1, 4, 1);
    solver.addEdge(1, 0, 7, 2);
    solver.solve();
    expect(Array.from(solver.assignment())).toEqual([1, 2]);
    expect(solver.total).toBe(11);
    // Row 0 gains from a new free column paying more than the 4 it has, row 1 from one paying
    // more than 1 (it would leave column 0 to row 0, which gains 10 - 4 = 6 of the 7 it loses).
    expect(Array.from(solver.greatestRowDuals())).toEqual([4, 1]);
    solver.addColumn(1);
    solver.addEdge(0, 2, 4, 3);
    solver.solve();
    expect(solver.total).toBe(11);
    solver.addColumn(1);
    solver.addEdge(1, 3, 2, 4);
    solver.solve();
    expect(solver.total).toBe(10 + 2);
  });
});

describe('the solver’s tables', () => {
  it('list each row’s edges heaviest first once sorted, whatever order they came in', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 20 }),
        fc.integer({ min: 0, max: 20 }),
        (weights, cut) => {
          const state = new AssignmentState(2);
          state.addColumn(1);
          const listed = () => {
            const rows: number[][] = [[], []];
            for (const row of [0, 1])
              for (
                let edge = state.firstOfRow[row] as number;
                edge !== NONE;
                edge = state.nextOfRow[edge] as number
              )
                rows[row]?.push(edge);
            return rows;
          };
          // The edges come in two batches (cut where `cut` says), each row sorted after each batch.
          weights.forEach((weight, edge) => {
            if (edge === cut) state.sortRows();
            state.addEdge(edge % 2, 0, weight, edge);
          });
          state.sortRows();
          for (const edges of listed()) {
            const listedWeights = edges.map((edge) => state.edgeWeight[edge] as number);
            expect(listedWeights).toEqual([...listedWeights].sort((a, b) => b - a));
          }
          expect(
            listed()
              .flat()
              .sort((a, b) => a - b),
          ).toEqual(weights.map((_, edge) => edge));
        },
      ),
    );
  });

  it('hold a first batch announced beforehand in exactly the room it needs, and grow by a quarter when full', () => {
    const state = new AssignmentState(3);
    state.addColumn(1);
    state.reserve(1000);
    for (let edge = 0; edge < 1000; edge++) state.addEdge(edge % 3, 0, 1, edge);
    expect(state.edgeRow.length).toBe(1000);
    state.addEdge(0, 0, 1, 1000);
    expect(state.edgeRow.length).toBe(1250);
  });

  it('keep candidate pairs in a table that grows by a half when full', () => {
    const pairs = new PairTable();
    for (let pair = 0; pair < 930; pair++) pairs.push(0, pair, 0.5, 1);
    expect(pairs.request.length).toBe(930);
    pairs.push(1, 930, 0.25, 2);
    expect(pairs.request.length).toBe(1395);
    expect(pairs.fields(929)).toEqual({ request: 0, offer: 929, score: 0.5, remaining: 1 });
    expect(pairs.fields(930)).toEqual({ request: 1, offer: 930, score: 0.25, remaining: 2 });
  });

  it('grow no copy of the rows and columns they read from the caller’s table', () => {
    const pairs = new PairTable();
    for (let pair = 0; pair <= 1000; pair++) pairs.push(pair % 3, 0, 1, 1);
    const state = new AssignmentState(3);
    state.addColumn(1);
    state.shareEnds(pairs.request, pairs.offer);
    state.reserve(1000);
    for (let edge = 0; edge < 1000; edge++) state.addEdge(edge % 3, 0, 1, edge);
    state.addEdge(0, 0, 1, 1000);
    expect(state.edgeWeight.length).toBe(1250);
    expect(state.edgeRow).toBe(pairs.request);
    expect(state.edgeColumn).toBe(pairs.offer);
    expect(state.edgeId.length).toBe(0);
  });

  it('grow by at least a quarter for a later batch that does not fit, and exactly as much as a larger one needs', () => {
    const state = new AssignmentState(3);
    state.addColumn(1);
    state.reserve(1000);
    for (let edge = 0; edge < 1000; edge++) state.addEdge(edge % 3, 0, 1, edge);
    state.reserve(10);
    expect(state.edgeRow.length).toBe(1250);
    state.reserve(250);
    expect(state.edgeRow.length).toBe(1250);
    state.reserve(1000);
    expect(state.edgeRow.length).toBe(2000);
    expect([state.edgeRow[998], state.edgeRow[999]]).toEqual([2, 0]);
  });
});
