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
 * again: a row an added edge would pull elsewhere is unassigned and re-placed by a Hungarian
 * search (shortest augmenting path in reduced costs), and a column left with a free slot while
 * its dual is positive is refilled, or its dual lowered to 0, by the mirror search from the
 * column's side. Each search ends as soon as the cheapest way to restore the conditions is
 * known, so a change deep in a large pool touches only its neighbourhood. The solver between
 * the matcher's candidate rounds, and between the ways a multi-party offer is cut into seats,
 * is this one object, updated rather than solved again.
 */

class NodeHeap {
  private keys: number[] = [];
  private nodes: number[] = [];

  get size() {
    return this.keys.length;
  }

  clear() {
    this.keys.length = 0;
    this.nodes.length = 0;
  }

  push(key: number, node: number) {
    const { keys, nodes } = this;
    let i = keys.length;
    keys.push(key);
    nodes.push(node);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((keys[parent] as number) <= key) break;
      keys[i] = keys[parent] as number;
      nodes[i] = nodes[parent] as number;
      i = parent;
    }
    keys[i] = key;
    nodes[i] = node;
  }

  topKey = 0;
  /** Removes the least node; its key is left in `topKey`. */
  pop(): number {
    const { keys, nodes } = this;
    const node = nodes[0] as number;
    this.topKey = keys[0] as number;
    const lastKey = keys.pop() as number;
    const lastNode = nodes.pop() as number;
    const size = keys.length;
    if (size === 0) return node;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && (keys[child + 1] as number) < (keys[child] as number)) child++;
      if ((keys[child] as number) >= lastKey) break;
      keys[i] = keys[child] as number;
      nodes[i] = nodes[child] as number;
      i = child;
    }
    keys[i] = lastKey;
    nodes[i] = lastNode;
    return node;
  }
}

const NONE = -1;

export class DynamicAssignment {
  /** Per row: its edges' columns, weights and callers' ids. */
  private readonly rowColumns: number[][];
  private readonly rowWeights: number[][];
  private readonly rowIds: number[][];
  /** Per column: the rows with an edge to it, those edges' weights and their places in the rows' lists. */
  private readonly columnRows: number[][] = [];
  private readonly columnWeights: number[][] = [];
  private readonly columnEdges: number[][] = [];
  private readonly capacity: number[] = [];
  /** Per column: the rows assigned to it. */
  private readonly assigned: number[][] = [];
  readonly rowDual: Float64Array;
  private readonly columnDual: number[] = [];
  /** Per row: its column and the weight and id of its edge there (NONE when unassigned). */
  private readonly rowColumn: Int32Array;
  private readonly rowWeight: Float64Array;
  private readonly rowId: Int32Array;
  /** Rows to place again (their duals are not kept meanwhile), and columns to refill. */
  private readonly pending: Uint8Array;
  private readonly pendingRows: number[] = [];
  private readonly freed: number[] = [];

  // Search state. Nodes: row r is 2r, column c is 2c + 1.
  private readonly heap = new NodeHeap();
  private rowDistance: Float64Array;
  private rowSeen: Int32Array;
  private rowDone: Int32Array;
  private rowPredColumn: Int32Array;
  private rowPredEdge: Int32Array;
  private columnDistance: number[] = [];
  private columnSeen: number[] = [];
  private columnDone: number[] = [];
  private columnPredRow: number[] = [];
  private columnPredEdge: number[] = [];
  /** In the column-side search, the column the predecessor row would move into. */
  private columnPredFrom: number[] = [];
  private stamp = 0;

  constructor(readonly rows: number) {
    this.rowColumns = Array.from({ length: rows }, () => []);
    this.rowWeights = Array.from({ length: rows }, () => []);
    this.rowIds = Array.from({ length: rows }, () => []);
    this.rowDual = new Float64Array(rows);
    this.rowColumn = new Int32Array(rows).fill(NONE);
    this.rowWeight = new Float64Array(rows);
    this.rowId = new Int32Array(rows).fill(NONE);
    this.pending = new Uint8Array(rows);
    this.rowDistance = new Float64Array(rows);
    this.rowSeen = new Int32Array(rows);
    this.rowDone = new Int32Array(rows);
    this.rowPredColumn = new Int32Array(rows);
    this.rowPredEdge = new Int32Array(rows);
  }

  /** A new column with room for `capacity` rows; returns its number. */
  addColumn(capacity: number): number {
    const c = this.capacity.length;
    this.columnRows.push([]);
    this.columnWeights.push([]);
    this.columnEdges.push([]);
    this.capacity.push(capacity);
    this.assigned.push([]);
    this.columnDual.push(0);
    this.columnDistance.push(0);
    this.columnSeen.push(0);
    this.columnDone.push(0);
    this.columnPredRow.push(NONE);
    this.columnPredEdge.push(NONE);
    this.columnPredFrom.push(NONE);
    return c;
  }

  /** An edge of the given weight (> 0) between row and column; `id` names it in `assignment`. */
  addEdge(row: number, column: number, weight: number, id: number) {
    (this.columnEdges[column] as number[]).push((this.rowColumns[row] as number[]).length);
    (this.rowColumns[row] as number[]).push(column);
    (this.rowWeights[row] as number[]).push(weight);
    (this.rowIds[row] as number[]).push(id);
    (this.columnRows[column] as number[]).push(row);
    (this.columnWeights[column] as number[]).push(weight);
    if (
      (this.capacity[column] as number) > 0 &&
      weight > (this.rowDual[row] as number) + (this.columnDual[column] as number)
    )
      this.repairEdge(row, column, weight);
  }

  /**
   * Restores feasibility of an edge its row and column's duals fall short of. An unassigned
   * row is simply placed again. An assigned row is left where it is when the column is empty:
   * the column raises its own dual (nothing there to keep tight) and, with a free slot and a
   * positive dual, is refilled by one search, however many rows it would pull.
   */
  private repairEdge(row: number, column: number, weight: number) {
    if (this.pending[row] === 1) return;
    if ((this.rowColumn[row] as number) === NONE || (this.assigned[column] as number[]).length > 0) {
      this.replace(row);
      return;
    }
    if ((this.columnDual[column] as number) === 0) this.freed.push(column);
    this.columnDual[column] = weight - (this.rowDual[row] as number);
  }

  /** Room for `capacity` rows in the column; 0 closes it (its edges stay but are never used). */
  setCapacity(column: number, capacity: number) {
    const rows = this.assigned[column] as number[];
    const opens = this.capacity[column] === 0 && capacity > 0;
    this.capacity[column] = capacity;
    if (capacity === 0) this.columnDual[column] = 0;
    if (opens) {
      const edgeRows = this.columnRows[column] as number[];
      const weights = this.columnWeights[column] as number[];
      for (let i = 0; i < edgeRows.length; i++) {
        const row = edgeRows[i] as number;
        if ((weights[i] as number) > (this.rowDual[row] as number) + (this.columnDual[column] as number))
          this.repairEdge(row, column, weights[i] as number);
      }
    }
    if (rows.length > capacity) {
      // The weakest parties leave; their rows search again.
      const leaving = [...rows]
        .sort((a, b) => (this.rowWeight[a] as number) - (this.rowWeight[b] as number))
        .slice(0, rows.length - capacity);
      for (const row of leaving) this.replace(row);
    } else if (rows.length < capacity && (this.columnDual[column] as number) > 0) this.freed.push(column);
  }

  /** Restores optimality after the changes made since the last call. */
  solve() {
    while (this.freed.length > 0) {
      const column = this.freed.pop() as number;
      while (
        (this.assigned[column] as number[]).length < (this.capacity[column] as number) &&
        (this.columnDual[column] as number) > 0
      )
        this.refill(column);
    }
    while (this.pendingRows.length > 0) {
      const row = this.pendingRows.pop() as number;
      this.pending[row] = 0;
      this.place(row);
    }
  }

  /** The column of each row (NONE when unassigned). */
  columnOf(row: number): number {
    return this.rowColumn[row] as number;
  }

  /** The id of each row's assigned edge (NONE when unassigned). */
  assignment(): Int32Array {
    return this.rowId.slice();
  }

  get total(): number {
    let total = 0;
    for (let r = 0; r < this.rows; r++)
      if ((this.rowColumn[r] as number) !== NONE) total += this.rowWeight[r] as number;
    return total;
  }

  /** Takes the row out of its column and queues it to be placed again. */
  private replace(row: number) {
    if (this.pending[row] === 1) return;
    const column = this.rowColumn[row] as number;
    if (column !== NONE) {
      this.unassign(row);
      if ((this.columnDual[column] as number) > 0) this.freed.push(column);
    }
    this.pending[row] = 1;
    this.pendingRows.push(row);
  }

  private unassign(row: number) {
    const column = this.rowColumn[row] as number;
    const rows = this.assigned[column] as number[];
    const at = rows.indexOf(row);
    rows[at] = rows[rows.length - 1] as number;
    rows.pop();
    this.rowColumn[row] = NONE;
    this.rowId[row] = NONE;
  }

  private assign(row: number, edge: number) {
    if ((this.rowColumn[row] as number) !== NONE) this.unassign(row);
    const column = (this.rowColumns[row] as number[])[edge] as number;
    (this.assigned[column] as number[]).push(row);
    this.rowColumn[row] = column;
    this.rowWeight[row] = (this.rowWeights[row] as number[])[edge] as number;
    this.rowId[row] = (this.rowIds[row] as number[])[edge] as number;
  }

  private visitRow(row: number, distance: number, predColumn: number, predEdge: number) {
    if (this.rowDone[row] === this.stamp) return;
    if (this.rowSeen[row] === this.stamp && distance >= (this.rowDistance[row] as number)) return;
    this.rowSeen[row] = this.stamp;
    this.rowDistance[row] = distance;
    this.rowPredColumn[row] = predColumn;
    this.rowPredEdge[row] = predEdge;
    this.heap.push(distance, 2 * row);
  }

  /** Returns whether the column's tentative distance improved. */
  private visitColumn(column: number, distance: number, predRow: number, predEdge: number): boolean {
    if (this.columnDone[column] === this.stamp) return false;
    if (this.columnSeen[column] === this.stamp && distance >= (this.columnDistance[column] as number))
      return false;
    this.columnSeen[column] = this.stamp;
    this.columnDistance[column] = distance;
    this.columnPredRow[column] = predRow;
    this.columnPredEdge[column] = predEdge;
    this.heap.push(distance, 2 * column + 1);
    return true;
  }

  private beginSearch() {
    this.stamp++;
    this.heap.clear();
  }

  /**
   * Moves the duals of the nodes a search settled below the end's distance by how far below it
   * they are: rows' by `rowSign` and columns' the other way. `place` lowers rows and raises
   * columns (rowSign -1), `refill` the opposite; either keeps every edge feasible and the edges
   * of the search tree tight.
   */
  private shiftDuals(rows: readonly number[], columns: readonly number[], best: number, rowSign: 1 | -1) {
    for (const r of rows) {
      const d = this.rowDistance[r] as number;
      if (d < best) this.rowDual[r] = (this.rowDual[r] as number) + rowSign * (best - d);
    }
    for (const c of columns) {
      const d = this.columnDistance[c] as number;
      if (d < best) this.columnDual[c] = (this.columnDual[c] as number) - rowSign * (best - d);
    }
  }

  /**
   * Places a row whose dual is not kept: its dual is set to the least that keeps every one of
   * its edges feasible, then the cheapest augmenting path in reduced costs lowers it to where
   * the row is either assigned tightly or left unassigned at dual 0.
   */
  private place(start: number) {
    const columns = this.rowColumns[start] as number[];
    const weights = this.rowWeights[start] as number[];
    let dual = 0;
    for (let e = 0; e < columns.length; e++) {
      const c = columns[e] as number;
      if ((this.capacity[c] as number) > 0)
        dual = Math.max(dual, (weights[e] as number) - (this.columnDual[c] as number));
    }
    this.rowDual[start] = dual;
    if (dual === 0) return;
    this.beginSearch();
    const finalizedRows: number[] = [];
    const finalizedColumns: number[] = [];
    // Ending: at a row left unassigned (its dual falls to 0), or at a column's free slot.
    let best = Number.POSITIVE_INFINITY;
    let endRow = NONE;
    let endColumn = NONE;
    this.visitRow(start, 0, NONE, NONE);
    while (this.heap.size > 0) {
      const node = this.heap.pop();
      const d = this.heap.topKey;
      if (d >= best) break;
      if ((node & 1) === 0) {
        const r = node >> 1;
        if (this.rowDone[r] === this.stamp) continue;
        this.rowDone[r] = this.stamp;
        finalizedRows.push(r);
        const u = this.rowDual[r] as number;
        if (d + u < best) {
          best = d + u;
          endRow = r;
          endColumn = NONE;
        }
        const own = this.rowColumn[r] as number;
        const rowColumns = this.rowColumns[r] as number[];
        const rowWeights = this.rowWeights[r] as number[];
        for (let e = 0; e < rowColumns.length; e++) {
          const c = rowColumns[e] as number;
          if (c === own || (this.capacity[c] as number) === 0) continue;
          this.visitColumn(c, d + u + (this.columnDual[c] as number) - (rowWeights[e] as number), r, e);
        }
      } else {
        const c = node >> 1;
        if (this.columnDone[c] === this.stamp) continue;
        this.columnDone[c] = this.stamp;
        finalizedColumns.push(c);
        const rows = this.assigned[c] as number[];
        if (rows.length < (this.capacity[c] as number)) {
          if (d < best) {
            best = d;
            endColumn = c;
            endRow = NONE;
          }
          continue;
        }
        for (const r of rows) this.visitRow(r, d, c, NONE);
      }
    }
    this.shiftDuals(finalizedRows, finalizedColumns, best, -1);
    // Each row on the path moves into the column after it; the last one's column or row ends it.
    let column: number;
    if (endColumn !== NONE) column = endColumn;
    else {
      if (endRow === start) return;
      column = this.rowColumn[endRow] as number;
      this.unassign(endRow);
      this.rowDual[endRow] = 0;
    }
    for (;;) {
      const r = this.columnPredRow[column] as number;
      const previous = this.rowColumn[r] as number;
      this.assign(r, this.columnPredEdge[column] as number);
      if (r === start) break;
      column = previous;
    }
  }

  /**
   * Fills a free slot of a column whose dual is positive, or lowers the dual to 0: the mirror of
   * `place`, growing from the column through the rows that could move in. A column's assigned
   * rows go with it (lowering its dual raises theirs), so the search runs over columns, each
   * reached through the row that would leave it for the column before.
   */
  private refill(start: number) {
    this.beginSearch();
    const finalizedRows: number[] = [];
    const finalizedColumns: number[] = [];
    // Ending: at a column whose dual falls to 0 as it keeps a free slot, or at an unassigned row.
    let best = Number.POSITIVE_INFINITY;
    let endRow = NONE;
    let endColumn = NONE;
    this.visitColumn(start, 0, NONE, NONE);
    while (this.heap.size > 0) {
      const node = this.heap.pop();
      const d = this.heap.topKey;
      if (d >= best) break;
      if ((node & 1) === 0) {
        // Only unassigned rows are in the heap: each is an end.
        const r = node >> 1;
        if (this.rowDone[r] === this.stamp) continue;
        this.rowDone[r] = this.stamp;
        best = d;
        endRow = r;
        endColumn = NONE;
        break;
      }
      const c = node >> 1;
      if (this.columnDone[c] === this.stamp) continue;
      this.columnDone[c] = this.stamp;
      finalizedColumns.push(c);
      for (const r of this.assigned[c] as number[]) {
        this.rowDone[r] = this.stamp;
        this.rowDistance[r] = d;
        finalizedRows.push(r);
      }
      const v = this.columnDual[c] as number;
      if (d + v < best) {
        best = d + v;
        endColumn = c;
        endRow = NONE;
      }
      const rows = this.columnRows[c] as number[];
      const weights = this.columnWeights[c] as number[];
      const edges = this.columnEdges[c] as number[];
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i] as number;
        if (this.pending[r] === 1 || this.rowDone[r] === this.stamp) continue;
        const distance = d + (this.rowDual[r] as number) + v - (weights[i] as number);
        const own = this.rowColumn[r] as number;
        if (own === NONE) this.visitRow(r, distance, c, edges[i] as number);
        else if (this.visitColumn(own, distance, r, edges[i] as number)) this.columnPredFrom[own] = c;
      }
    }
    this.shiftDuals(finalizedRows, finalizedColumns, best, 1);
    // From the end back to the start, each row on the path moves into the column it was reached from.
    let column: number;
    if (endRow !== NONE) {
      column = this.rowPredColumn[endRow] as number;
      this.assign(endRow, this.rowPredEdge[endRow] as number);
    } else {
      this.columnDual[endColumn] = 0;
      column = endColumn;
    }
    while (column !== start) {
      const into = this.columnPredFrom[column] as number;
      this.assign(this.columnPredRow[column] as number, this.columnPredEdge[column] as number);
      column = into;
    }
  }

  /**
   * The greatest row duals of the current optimum (restored first), in weight units: with column duals as small
   * as the assignment allows, the largest u that keep every edge feasible. An edge not in the
   * problem cannot raise the optimum when its weight is at most its row's dual (columns' duals
   * are never negative), so the greatest duals let the fewest new edges in. Found as shortest
   * paths: how far each column's dual can fall below the one kept (δ), starting from the dual
   * itself (a dual stays ≥ 0) or less where an unassigned row's edge holds it up; lowering a
   * column's dual raises its rows', which may hold up the columns of their other edges. With
   * the kept duals feasible every such step costs ≥ 0, so Dijkstra settles each column once.
   */
  greatestRowDuals(): Float64Array {
    this.solve();
    const columns = this.capacity.length;
    const fall = new Float64Array(columns);
    for (let c = 0; c < columns; c++) fall[c] = this.columnDual[c] as number;
    const dual = new Float64Array(this.rows);
    for (let r = 0; r < this.rows; r++) {
      if ((this.rowColumn[r] as number) !== NONE) continue;
      const rowColumns = this.rowColumns[r] as number[];
      const weights = this.rowWeights[r] as number[];
      for (let e = 0; e < rowColumns.length; e++) {
        const c = rowColumns[e] as number;
        if ((this.capacity[c] as number) === 0) continue;
        fall[c] = Math.min(fall[c] as number, (this.columnDual[c] as number) - (weights[e] as number));
        if ((fall[c] as number) < 0) return dual;
      }
    }
    const heap = new NodeHeap();
    const settled = new Uint8Array(columns);
    for (let c = 0; c < columns; c++) if ((this.capacity[c] as number) > 0) heap.push(fall[c] as number, c);
    while (heap.size > 0) {
      const c = heap.pop();
      if (settled[c] === 1 || heap.topKey > (fall[c] as number)) continue;
      settled[c] = 1;
      const from = fall[c] as number;
      const v = this.columnDual[c] as number;
      for (const r of this.assigned[c] as number[]) {
        const own = this.rowWeight[r] as number;
        const rowColumns = this.rowColumns[r] as number[];
        const weights = this.rowWeights[r] as number[];
        for (let e = 0; e < rowColumns.length; e++) {
          const other = rowColumns[e] as number;
          if (other === c || settled[other] === 1 || (this.capacity[other] as number) === 0) continue;
          // Lowering c's dual by δ raises r's by δ: the other column's must then stay above w - u.
          const step = (this.columnDual[other] as number) - v + own - (weights[e] as number);
          // Only duals that are not feasible (no optimum) give a negative step; then every pair counts.
          if (step < 0) return dual.fill(0);
          if (from + step < (fall[other] as number)) {
            fall[other] = from + step;
            heap.push(from + step, other);
          }
        }
      }
    }
    // A column with a free slot keeps a dual of 0 in any optimum: one held above it means the
    // assignment is not optimal, and then every pair counts.
    for (let c = 0; c < columns; c++)
      if (
        (this.capacity[c] as number) > (this.assigned[c] as number[]).length &&
        (fall[c] as number) < (this.columnDual[c] as number)
      )
        return dual;
    for (let r = 0; r < this.rows; r++) {
      const c = this.rowColumn[r] as number;
      if (c !== NONE)
        dual[r] = (this.rowWeight[r] as number) - ((this.columnDual[c] as number) - (fall[c] as number));
    }
    return dual;
  }
}
