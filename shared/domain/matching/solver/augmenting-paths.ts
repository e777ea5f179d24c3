import { float, int, item, num } from './arrays.ts';
import { type AssignmentState, NONE } from './assignment-state.ts';
import { TypedHeap } from './heap.ts';

/**
 * The two Hungarian searches that restore a DynamicAssignment's optimum, with their scratch
 * arrays (reused across searches, told apart by a stamp). `place` grows a shortest path in
 * reduced costs from a row, `refill` mirrors it from a column; both end as soon as the cheapest
 * way to restore the optimality conditions is known, so a change touches only its neighbourhood.
 * Nodes share one heap: row r is 2r, column c is 2c + 1.
 */
export class AugmentingPaths {
  /** Nodes the searches have settled so far: their work, which the same problem always repeats (a clock does not). */
  settled = 0;
  private readonly heap = new TypedHeap();
  private stamp = 0;
  private readonly rowDistance: Float64Array;
  private readonly rowSeen: Int32Array;
  private readonly rowDone: Int32Array;
  private readonly rowPredColumn: Int32Array;
  private readonly rowPredEdge: Int32Array;
  private readonly columnDistance: number[] = [];
  private readonly columnSeen: number[] = [];
  private readonly columnDone: number[] = [];
  private readonly columnPredRow: number[] = [];
  private readonly columnPredEdge: number[] = [];
  /** In `refill`, the column the predecessor row would move into. */
  private readonly columnPredFrom: number[] = [];
  /**
   * The nodes one search settled, in lists kept from search to search: a national pool's
   * relaxation runs hundreds of thousands of searches, and a pair of new lists for each was
   * work for the collector.
   */
  private readonly settledRows: number[] = [];
  private readonly settledColumns: number[] = [];

  constructor(private readonly state: AssignmentState) {
    const { rows } = state;
    this.rowDistance = new Float64Array(rows);
    this.rowSeen = new Int32Array(rows);
    this.rowDone = new Int32Array(rows);
    this.rowPredColumn = new Int32Array(rows);
    this.rowPredEdge = new Int32Array(rows);
  }

  /** Scratch for a column the state just added. */
  addColumn() {
    this.columnDistance.push(0);
    this.columnSeen.push(0);
    this.columnDone.push(0);
    this.columnPredRow.push(NONE);
    this.columnPredEdge.push(NONE);
    this.columnPredFrom.push(NONE);
  }

  private begin() {
    this.stamp++;
    this.heap.clear();
    this.settledRows.length = 0;
    this.settledColumns.length = 0;
  }

  private visitRow(row: number, distance: number, predColumn: number, predEdge: number) {
    if (this.rowDone[row] === this.stamp) return;
    if (this.rowSeen[row] === this.stamp && distance >= float(this.rowDistance, row)) return;
    this.rowSeen[row] = this.stamp;
    this.rowDistance[row] = distance;
    this.rowPredColumn[row] = predColumn;
    this.rowPredEdge[row] = predEdge;
    this.heap.push(distance, 2 * row);
  }

  /** Returns whether the column's tentative distance improved. */
  private visitColumn(column: number, distance: number, predRow: number, predEdge: number): boolean {
    if (this.columnDone[column] === this.stamp) return false;
    if (this.columnSeen[column] === this.stamp && distance >= num(this.columnDistance, column)) return false;
    this.columnSeen[column] = this.stamp;
    this.columnDistance[column] = distance;
    this.columnPredRow[column] = predRow;
    this.columnPredEdge[column] = predEdge;
    this.heap.push(distance, 2 * column + 1);
    return true;
  }

  /**
   * Moves the duals of the nodes a search settled below the end's distance by how far below it
   * they are: rows' by `rowSign` and columns' the other way. `place` lowers rows and raises
   * columns (rowSign -1), `refill` the opposite; either keeps every edge feasible and the edges
   * of the search tree tight.
   */
  private shiftDuals(rows: readonly number[], columns: readonly number[], best: number, rowSign: 1 | -1) {
    const { rowDual, columnDual } = this.state;
    for (const row of rows) {
      const distance = float(this.rowDistance, row);
      if (distance < best) rowDual[row] = float(rowDual, row) + rowSign * (best - distance);
    }
    for (const column of columns) {
      const distance = num(this.columnDistance, column);
      if (distance < best) columnDual[column] = num(columnDual, column) - rowSign * (best - distance);
    }
  }

  /**
   * Places a row whose dual is not kept: its dual is set to the least that keeps every one of
   * its edges feasible, then the cheapest augmenting path in reduced costs lowers it to where
   * the row is either assigned tightly or left unassigned at dual 0.
   */
  place(start: number) {
    const state = this.state;
    const { capacity, columnDual, rowDual, seatedRows, freeSlots } = state;
    const { edgeColumn, edgeWeight, nextOfRow } = state;
    let dual = 0;
    // Edges come heaviest first and no column's dual is below 0: one no heavier than the dual
    // found so far is followed by none that could raise it.
    for (let edge = int(state.firstOfRow, start); edge !== NONE; edge = int(nextOfRow, edge)) {
      const weight = float(edgeWeight, edge);
      if (weight <= dual) break;
      const column = int(edgeColumn, edge);
      if (num(capacity, column) > 0) dual = Math.max(dual, weight - num(columnDual, column));
    }
    rowDual[start] = dual;
    if (dual === 0) return;
    this.begin();
    const { settledRows, settledColumns, heap } = this;
    // Ending: at a row left unassigned (its dual falls to 0), or at a column's free slot. An end
    // counts as soon as it is reached, at the distance it is reached at (a nearer one found
    // later replaces it), and the search stops once nothing in the heap is nearer: nothing at
    // the end's distance or beyond is pushed, let alone settled. Ties between an end and other
    // nodes at its distance so go to the end.
    let best = dual;
    let endRow = start;
    let endColumn = NONE;
    this.visitRow(start, 0, NONE, NONE);
    while (heap.size > 0 && heap.topKey < best) {
      const node = heap.pop();
      const distance = heap.poppedKey;
      this.settled++;
      if ((node & 1) === 0) {
        const row = node >> 1;
        if (this.rowDone[row] === this.stamp) continue;
        this.rowDone[row] = this.stamp;
        settledRows.push(row);
        const reach = distance + float(rowDual, row);
        const own = int(state.rowColumn, row);
        for (let edge = int(state.firstOfRow, row); edge !== NONE; edge = int(nextOfRow, edge)) {
          const weight = float(edgeWeight, edge);
          // Heaviest first, duals ≥ 0: every later edge leads as far or farther.
          if (reach - weight >= best) break;
          const column = int(edgeColumn, edge);
          if (column === own || num(capacity, column) === 0) continue;
          const through = reach + num(columnDual, column) - weight;
          if (through >= best) continue;
          if (int(freeSlots, column) > 0) {
            best = through;
            endRow = NONE;
            endColumn = column;
            this.columnPredRow[column] = row;
            this.columnPredEdge[column] = edge;
          } else this.visitColumn(column, through, row, edge);
        }
      } else {
        const column = node >> 1;
        if (this.columnDone[column] === this.stamp) continue;
        this.columnDone[column] = this.stamp;
        settledColumns.push(column);
        for (const row of item(seatedRows, column)) {
          const leaving = distance + float(rowDual, row);
          if (leaving < best) {
            best = leaving;
            endRow = row;
            endColumn = NONE;
          }
          if (distance < best) this.visitRow(row, distance, column, NONE);
        }
      }
    }
    this.shiftDuals(settledRows, settledColumns, best, -1);
    // Each row on the path moves into the column after it; the last one's column or row ends it.
    let column: number;
    if (endColumn !== NONE) column = endColumn;
    else {
      if (endRow === start) return;
      column = int(state.rowColumn, endRow);
      state.unassign(endRow);
      rowDual[endRow] = 0;
    }
    for (;;) {
      const row = num(this.columnPredRow, column);
      const previous = int(state.rowColumn, row);
      state.assign(row, num(this.columnPredEdge, column));
      if (row === start) break;
      column = previous;
    }
  }

  /**
   * Fills a free slot of a column whose dual is positive, or lowers the dual to 0: the mirror of
   * `place`, growing from the column through the rows that could move in. A column's assigned
   * rows go with it (lowering its dual raises theirs), so the search runs over columns, each
   * reached through the row that would leave it for the column before.
   */
  refill(start: number) {
    const state = this.state;
    const { columnDual, rowDual } = state;
    this.begin();
    const { settledRows, settledColumns, heap } = this;
    // Ending: at a column whose dual falls to 0 as it keeps a free slot, or at an unassigned
    // row; as in `place`, each as soon as it is reached.
    let best = num(columnDual, start);
    let endRow = NONE;
    let endColumn = start;
    this.visitColumn(start, 0, NONE, NONE);
    while (heap.size > 0 && heap.topKey < best) {
      // Only columns are in the heap: an unassigned row is an end where it is reached.
      const column = heap.pop() >> 1;
      const distance = heap.poppedKey;
      this.settled++;
      if (this.columnDone[column] === this.stamp) continue;
      this.settle(column, distance);
      const dual = num(columnDual, column);
      for (let edge = num(state.firstOfColumn, column); edge !== NONE; edge = int(state.nextOfColumn, edge)) {
        const row = int(state.edgeRow, edge);
        if (state.pending[row] === 1 || this.rowDone[row] === this.stamp) continue;
        const through = distance + float(rowDual, row) + dual - float(state.edgeWeight, edge);
        if (through >= best) continue;
        const own = int(state.rowColumn, row);
        if (own === NONE) {
          best = through;
          endRow = row;
          endColumn = NONE;
          this.rowPredColumn[row] = column;
          this.rowPredEdge[row] = edge;
        } else if (this.visitColumn(own, through, row, edge)) {
          this.columnPredFrom[own] = column;
          if (through + num(columnDual, own) < best) {
            best = through + num(columnDual, own);
            endRow = NONE;
            endColumn = own;
          }
        }
      }
    }
    // An end column whose dual is positive was reached below `best`, so the loop settled it and
    // its rows rise with its dual's fall; one at dual 0 moves nothing.
    this.shiftDuals(settledRows, settledColumns, best, 1);
    // From the end back to the start, each row on the path moves into the column it was reached from.
    let column: number;
    if (endRow !== NONE) {
      column = int(this.rowPredColumn, endRow);
      state.assign(endRow, int(this.rowPredEdge, endRow));
    } else {
      state.columnDual[endColumn] = 0;
      column = endColumn;
    }
    while (column !== start) {
      const into = num(this.columnPredFrom, column);
      state.assign(num(this.columnPredRow, column), num(this.columnPredEdge, column));
      column = into;
    }
  }

  /** In `refill`: the column is settled at this distance, and its rows with it. */
  private settle(column: number, distance: number) {
    this.columnDone[column] = this.stamp;
    this.settledColumns.push(column);
    for (const row of item(this.state.seatedRows, column)) {
      this.rowDone[row] = this.stamp;
      this.rowDistance[row] = distance;
      this.settledRows.push(row);
    }
  }
}
