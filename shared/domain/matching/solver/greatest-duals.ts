import { float, int, item, num } from './arrays.ts';
import { type AssignmentState, NONE } from './assignment-state.ts';
import { TypedHeap } from './heap.ts';

/** Duals of an optimum, in weight units: the greatest per row, and per column the least that go with them. */
export interface Duals {
  readonly rows: Float64Array;
  readonly columns: Float64Array;
}

/**
 * The greatest row duals of an optimal assignment, in weight units: with column duals as small
 * as the assignment allows, the largest u that keep every edge feasible; and those column
 * duals, which complete them into the LP's proof that the assignment is optimal. An edge not
 * in the problem can raise the optimum only when its weight exceeds its row's dual plus its
 * column's, so the greatest row duals let the fewest new edges in, and a row need not read a
 * column that others want more. Found as shortest paths: how far each column's dual can fall
 * below the one kept (its "fall"), starting from the dual itself (a dual stays ≥ 0) or less
 * where an unassigned row's edge holds it up; lowering a column's dual raises its rows', which
 * may hold up the columns of their other edges. With the kept duals feasible every such step
 * costs ≥ 0, so Dijkstra settles each column once. Duals that are not those of an optimum give
 * all zeros: then every pair counts.
 */
export function greatestDuals(state: AssignmentState): Duals {
  const { columns, rows, capacity, columnDual } = state;
  const fall = new Float64Array(columns);
  for (let column = 0; column < columns; column++) fall[column] = num(columnDual, column);
  const dual = new Float64Array(rows);
  const none = () => ({ rows: dual.fill(0), columns: new Float64Array(columns) });
  for (let row = 0; row < rows; row++) {
    if (int(state.rowColumn, row) !== NONE) continue;
    for (let edge = int(state.firstOfRow, row); edge !== NONE; edge = int(state.nextOfRow, edge)) {
      const column = int(state.edgeColumn, edge);
      if (num(capacity, column) === 0) continue;
      fall[column] = Math.min(float(fall, column), num(columnDual, column) - float(state.edgeWeight, edge));
      if (float(fall, column) < 0) return none();
    }
  }
  const heap = new TypedHeap();
  const settled = new Uint8Array(columns);
  for (let column = 0; column < columns; column++)
    if (num(capacity, column) > 0) heap.push(float(fall, column), column);
  while (heap.size > 0) {
    const column = heap.pop();
    if (settled[column] === 1 || heap.poppedKey > float(fall, column)) continue;
    settled[column] = 1;
    const from = float(fall, column);
    const ownDual = num(columnDual, column);
    for (const row of item(state.seatedRows, column)) {
      const seatedWeight = float(state.rowWeight, row);
      for (let edge = int(state.firstOfRow, row); edge !== NONE; edge = int(state.nextOfRow, edge)) {
        const other = int(state.edgeColumn, edge);
        if (other === column || settled[other] === 1 || num(capacity, other) === 0) continue;
        // Lowering the column's dual by δ raises the row's by δ: the other column's must then stay above w - u.
        const step = num(columnDual, other) - ownDual + seatedWeight - float(state.edgeWeight, edge);
        if (step < 0) return none();
        if (from + step < float(fall, other)) {
          fall[other] = from + step;
          heap.push(from + step, other);
        }
      }
    }
  }
  // A column with a free slot keeps a dual of 0 in any optimum: one held above it means the
  // assignment is not optimal, and then every pair counts.
  for (let column = 0; column < columns; column++)
    if (int(state.freeSlots, column) > 0 && float(fall, column) < num(columnDual, column)) return none();
  // A column's least dual: what it keeps once lowered by its fall (closed columns keep theirs).
  const least = new Float64Array(columns);
  for (let column = 0; column < columns; column++)
    least[column] = num(columnDual, column) - (settled[column] === 1 ? float(fall, column) : 0);
  for (let row = 0; row < rows; row++) {
    const column = int(state.rowColumn, row);
    if (column !== NONE) dual[row] = float(state.rowWeight, row) - float(least, column);
  }
  return { rows: dual, columns: least };
}
