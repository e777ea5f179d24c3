import { float, int, item, num } from './arrays.ts';
import { AssignmentState, NONE } from './assignment-state.ts';
import { AugmentingPaths } from './augmenting-paths.ts';
import { type Duals, greatestDuals } from './greatest-duals.ts';

/**
 * An assignment that stays optimal while its problem grows: rows (requests) take at most one
 * column (an offer, or a seat in one), a column takes up to its capacity of rows, every edge has
 * an integer weight, and the total weight of the assigned edges is the largest possible (a row
 * may stay unassigned). It keeps the optimum's LP duals —
 *
 *   u[r] ≥ 0, v[c] ≥ 0, u[r] + v[c] ≥ w on every edge, with equality on assigned edges,
 *   u[r] = 0 when r is unassigned, v[c] = 0 when c has a free slot —
 *
 * so that after edges are added or capacities change only what broke a condition is searched
 * again: a row an added edge would pull elsewhere is unassigned and re-placed, and a column
 * left with a free slot while its dual is positive is refilled, or its dual lowered to 0 (see
 * AugmentingPaths). The solver between the matcher's candidate rounds, and between the ways a
 * multi-party offer is cut into seats, is this one object, updated rather than solved again.
 */
export class DynamicAssignment {
  private readonly state: AssignmentState;
  private readonly paths: AugmentingPaths;
  private readonly pendingRows: number[] = [];
  /** Columns that may have a free slot while their dual is positive. */
  private readonly freed: number[] = [];

  constructor(readonly rows: number) {
    this.state = new AssignmentState(rows);
    this.paths = new AugmentingPaths(this.state);
  }

  /**
   * A new column with room for `capacity` rows and the dual given (0 unless warm-started, see
   * startFrom); returns its number.
   */
  addColumn(capacity: number, dual = 0): number {
    this.paths.addColumn();
    const column = this.state.addColumn(capacity);
    this.state.columnDual[column] = dual;
    return column;
  }

  /**
   * Starts from the row duals of an optimum of a related problem (a relaxation of the same rows
   * and edges), set before any edge is added, with its columns' duals given to addColumn: edges
   * those duals cover disturb nothing, so the rows `seat` places tightly stay where they are and
   * `solve` searches only where this problem differs, not from scratch (on a national pool the
   * difference between one settled node per row and millions).
   */
  startFrom(rowDuals: Float64Array) {
    this.state.rowDual.set(rowDuals);
  }

  /** Seats the row in the column when the column has room and their edge is tight at the duals kept; says whether it did. */
  seat(row: number, column: number): boolean {
    const { state } = this;
    if (state.pending[row] === 1 || int(state.rowColumn, row) !== NONE) return false;
    if (int(state.freeSlots, column) <= 0) return false;
    for (let edge = int(state.firstOfRow, row); edge !== NONE; edge = int(state.nextOfRow, edge)) {
      if (int(state.edgeColumn, edge) !== column) continue;
      if (float(state.rowDual, row) + num(state.columnDual, column) !== float(state.edgeWeight, edge))
        return false;
      state.assign(row, edge);
      return true;
    }
    return false;
  }

  /**
   * After a warm start's seating: a row left out with a positive dual is placed again, and a
   * column with a free slot and a positive dual refilled (by the next solve), which restores
   * the optimality conditions whatever the start.
   */
  settle() {
    const { state } = this;
    for (let row = 0; row < this.rows; row++)
      if (int(state.rowColumn, row) === NONE && float(state.rowDual, row) > 0) this.replace(row);
    for (let column = 0; column < state.columns; column++)
      if (int(state.freeSlots, column) > 0 && num(state.columnDual, column) > 0) this.freed.push(column);
  }

  /** An edge of the given weight (> 0) between row and column; `id` names it in `assignment`. */
  addEdge(row: number, column: number, weight: number, id: number) {
    const { state } = this;
    state.addEdge(row, column, weight, id);
    if (num(state.capacity, column) > 0 && weight > float(state.rowDual, row) + num(state.columnDual, column))
      this.repairEdge(row, column, weight);
  }

  /**
   * Restores feasibility of an edge its row and column's duals fall short of. An unassigned
   * row is simply placed again. An assigned row is left where it is when the column is empty:
   * the column raises its own dual (nothing there to keep tight) and, with a free slot and a
   * positive dual, is refilled by one search, however many rows it would pull.
   */
  private repairEdge(row: number, column: number, weight: number) {
    const { state } = this;
    if (state.pending[row] === 1) return;
    if (int(state.rowColumn, row) === NONE || item(state.seatedRows, column).length > 0) {
      this.replace(row);
      return;
    }
    if (num(state.columnDual, column) === 0) this.freed.push(column);
    state.columnDual[column] = weight - float(state.rowDual, row);
  }

  /** Reads the edges' rows and columns from the caller's tables (see AssignmentState.shareEnds). */
  shareEnds(rows: Int32Array, columns: Int32Array) {
    this.state.shareEnds(rows, columns);
  }

  /** Room for `more` edges, added next (see AssignmentState.reserve). */
  reserve(more: number) {
    this.state.reserve(more);
  }

  /** Room for `capacity` rows in the column; 0 closes it (its edges stay but are never used). */
  setCapacity(column: number, capacity: number) {
    const { state } = this;
    const seated = item(state.seatedRows, column);
    const opens = state.capacity[column] === 0 && capacity > 0;
    state.setCapacity(column, capacity);
    if (capacity === 0) state.columnDual[column] = 0;
    if (opens) {
      for (let edge = num(state.firstOfColumn, column); edge !== NONE; edge = int(state.nextOfColumn, edge)) {
        const row = int(state.edgeRow, edge);
        const weight = float(state.edgeWeight, edge);
        if (weight > float(state.rowDual, row) + num(state.columnDual, column))
          this.repairEdge(row, column, weight);
      }
    }
    if (seated.length > capacity) {
      // The weakest parties leave; their rows search again.
      const leaving = [...seated]
        .sort((a, b) => float(state.rowWeight, a) - float(state.rowWeight, b))
        .slice(0, seated.length - capacity);
      for (const row of leaving) this.replace(row);
    } else if (seated.length < capacity && num(state.columnDual, column) > 0) this.freed.push(column);
  }

  /** Restores optimality after the changes made since the last call. */
  solve() {
    const { state } = this;
    state.sortRows();
    for (let column = this.freed.pop(); column !== undefined; column = this.freed.pop()) {
      while (int(state.freeSlots, column) > 0 && num(state.columnDual, column) > 0) this.paths.refill(column);
    }
    for (let row = this.pendingRows.pop(); row !== undefined; row = this.pendingRows.pop()) {
      state.pending[row] = 0;
      this.paths.place(row);
    }
  }

  /** The work done so far (nodes its searches settled): a budget in it gives the same result on any machine. */
  get work(): number {
    return this.paths.settled;
  }

  /** The column of each row (NONE when unassigned). */
  columnOf(row: number): number {
    return int(this.state.rowColumn, row);
  }

  /** The id of each row's assigned edge (NONE when unassigned). */
  assignment(): Int32Array {
    return this.state.rowEdgeId.slice();
  }

  /** The weight of the assignment as it stands. */
  get total(): number {
    return this.state.total;
  }

  /**
   * The row duals the solver keeps (restored first): those of an optimum, though not the
   * greatest, at the cost of a copy rather than a search.
   */
  keptRowDuals(): Float64Array {
    this.solve();
    return this.state.rowDual.slice();
  }

  /** The row and column duals the solver keeps (restored first): those of an optimum, to warm-start another (see startFrom). */
  keptDuals(): Duals {
    this.solve();
    return { rows: this.state.rowDual.slice(), columns: Float64Array.from(this.state.columnDual) };
  }

  /** The greatest row duals of the current optimum (restored first): see greatestDuals. */
  greatestRowDuals(): Float64Array {
    return this.greatestDuals().rows;
  }

  /** Those row duals and the column duals that go with them (restored first): see greatestDuals. */
  greatestDuals(): Duals {
    this.solve();
    return greatestDuals(this.state);
  }

  /** Takes the row out of its column and queues it to be placed again. */
  private replace(row: number) {
    const { state } = this;
    if (state.pending[row] === 1) return;
    const column = int(state.rowColumn, row);
    if (column !== NONE) {
      state.unassign(row);
      if (num(state.columnDual, column) > 0) this.freed.push(column);
    }
    state.pending[row] = 1;
    this.pendingRows.push(row);
  }
}
