import { int, item, num } from './arrays.ts';

/** A row without a column, an edge without a row, a path without a predecessor. */
export const NONE = -1;

/**
 * The problem and the current optimum of a DynamicAssignment (see docs/matching.md): rows
 * (requests) with their edges, columns (offers or seats) with their capacities, which row sits
 * in which column, and the LP duals that prove the assignment optimal. The searches in
 * augmenting-paths.ts and greatest-duals.ts read and move these; only DynamicAssignment
 * changes the problem.
 */
export class AssignmentState {
  /** Per row: its edges' columns, weights and callers' ids. */
  readonly edgeColumns: number[][];
  readonly edgeWeights: number[][];
  readonly edgeIds: number[][];
  /** Per column: the rows with an edge to it, those edges' weights and their places in the rows' lists. */
  readonly columnRows: number[][] = [];
  readonly columnWeights: number[][] = [];
  readonly columnEdgePositions: number[][] = [];
  readonly capacity: number[] = [];
  /** Per column: the rows assigned to it. */
  readonly seatedRows: number[][] = [];
  readonly rowDual: Float64Array;
  readonly columnDual: number[] = [];
  /** Per row: its column and the weight and id of its edge there (NONE when unassigned). */
  readonly rowColumn: Int32Array;
  readonly rowWeight: Float64Array;
  readonly rowEdgeId: Int32Array;
  /** Rows waiting to be placed again (their duals are not kept meanwhile). */
  readonly pending: Uint8Array;

  constructor(readonly rows: number) {
    this.edgeColumns = Array.from({ length: rows }, () => []);
    this.edgeWeights = Array.from({ length: rows }, () => []);
    this.edgeIds = Array.from({ length: rows }, () => []);
    this.rowDual = new Float64Array(rows);
    this.rowColumn = new Int32Array(rows).fill(NONE);
    this.rowWeight = new Float64Array(rows);
    this.rowEdgeId = new Int32Array(rows).fill(NONE);
    this.pending = new Uint8Array(rows);
  }

  get columns(): number {
    return this.capacity.length;
  }

  addColumn(capacity: number): number {
    const column = this.capacity.length;
    this.columnRows.push([]);
    this.columnWeights.push([]);
    this.columnEdgePositions.push([]);
    this.capacity.push(capacity);
    this.seatedRows.push([]);
    this.columnDual.push(0);
    return column;
  }

  addEdge(row: number, column: number, weight: number, id: number) {
    const columns = item(this.edgeColumns, row);
    item(this.columnEdgePositions, column).push(columns.length);
    columns.push(column);
    item(this.edgeWeights, row).push(weight);
    item(this.edgeIds, row).push(id);
    item(this.columnRows, column).push(row);
    item(this.columnWeights, column).push(weight);
  }

  unassign(row: number) {
    const rows = item(this.seatedRows, int(this.rowColumn, row));
    rows[rows.indexOf(row)] = num(rows, rows.length - 1);
    rows.pop();
    this.rowColumn[row] = NONE;
    this.rowEdgeId[row] = NONE;
  }

  /** Seats the row through its `edge`-th edge, leaving the column it sat in. */
  assign(row: number, edge: number) {
    if (int(this.rowColumn, row) !== NONE) this.unassign(row);
    const column = num(item(this.edgeColumns, row), edge);
    item(this.seatedRows, column).push(row);
    this.rowColumn[row] = column;
    this.rowWeight[row] = num(item(this.edgeWeights, row), edge);
    this.rowEdgeId[row] = num(item(this.edgeIds, row), edge);
  }
}
