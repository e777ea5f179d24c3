import { float, grownFrom, int, item, num, widened } from './arrays.ts';

/** A row without a column, an edge without a row, a path without a predecessor, a list's end. */
export const NONE = -1;

/**
 * The problem and the current optimum of a DynamicAssignment (see docs/matching.md): rows
 * (requests) with their edges, columns (offers or seats) with their capacities, which row sits
 * in which column, and the LP duals that prove the assignment optimal. The searches in
 * augmenting-paths.ts and greatest-duals.ts read and move these; only DynamicAssignment
 * changes the problem.
 *
 * Edges live in typed arrays, one slot per edge, each on two lists: its row's (`firstOfRow`,
 * `nextOfRow`), heaviest first once `sortRows` has run, and its column's (`firstOfColumn`,
 * `nextOfColumn`) in the order added. A national pool has tens of millions of edges; an array
 * per row and per column for each of their fields cost about twice the bytes.
 */
export class AssignmentState {
  edgeRow: Int32Array = new Int32Array(0);
  edgeColumn: Int32Array = new Int32Array(0);
  edgeWeight = new Float64Array(0);
  /** The caller's name for each edge (see DynamicAssignment.addEdge). */
  edgeId = new Int32Array(0);
  nextOfRow = new Int32Array(0);
  nextOfColumn = new Int32Array(0);
  edges = 0;
  /** Whether edgeRow and edgeColumn are the caller's tables, and each edge its own id (see shareEnds). */
  private endsShared = false;
  readonly firstOfRow: Int32Array;
  private readonly lastOfRow: Int32Array;
  readonly firstOfColumn: number[] = [];
  private readonly lastOfColumn: number[] = [];
  readonly capacity: number[] = [];
  /** Per column: the rows assigned to it. */
  readonly seatedRows: number[][] = [];
  /**
   * Per column: its capacity less the rows assigned to it, its free slots. A search tests this
   * for every column it reaches: read as the length of the column's list of rows, that was one
   * more object to load for each edge it weighed (grown with the columns, see addColumn).
   */
  freeSlots = new Int32Array(16);
  readonly rowDual: Float64Array;
  readonly columnDual: number[] = [];
  /** Per row: its column and the weight and id of its edge there (NONE when unassigned). */
  readonly rowColumn: Int32Array;
  readonly rowWeight: Float64Array;
  readonly rowEdgeId: Int32Array;
  /**
   * The weight of the assigned edges, kept as rows move: the multi-party search compares it
   * after every step, thousands on a national pool's largest component, where summing it anew
   * each time was a pass over tens of thousands of rows (integer weights: the sum stays exact).
   */
  total = 0;
  /** Rows waiting to be placed again (their duals are not kept meanwhile). */
  readonly pending: Uint8Array;
  /** The rows an edge heavier than their last was added to since `sortRows`, each once (`unsorted`). */
  private readonly unsorted: Uint8Array;
  private readonly unsortedRows: number[] = [];

  constructor(readonly rows: number) {
    this.firstOfRow = new Int32Array(rows).fill(NONE);
    this.lastOfRow = new Int32Array(rows).fill(NONE);
    this.rowDual = new Float64Array(rows);
    this.rowColumn = new Int32Array(rows).fill(NONE);
    this.rowWeight = new Float64Array(rows);
    this.rowEdgeId = new Int32Array(rows).fill(NONE);
    this.pending = new Uint8Array(rows);
    this.unsorted = new Uint8Array(rows);
  }

  get columns(): number {
    return this.capacity.length;
  }

  addColumn(capacity: number): number {
    const column = this.capacity.length;
    if (column === this.freeSlots.length)
      this.freeSlots = widened(this.freeSlots, new Int32Array(2 * column), column);
    this.freeSlots[column] = capacity;
    this.firstOfColumn.push(NONE);
    this.lastOfColumn.push(NONE);
    this.capacity.push(capacity);
    this.seatedRows.push([]);
    this.columnDual.push(0);
    return column;
  }

  /**
   * Reads each edge's row and column from the caller's tables instead of copying them, edge `e`
   * being the caller's `e`, which is then its id too (see addEdge): the relaxation's edges are
   * the candidate pairs, in their table's order, so a copy was 12 of its 28 bytes an edge (on
   * the national pool's largest country, 44 MB more at its peak, and 127 MB more allocated as
   * its tables grew). Called again whenever the caller's tables were replaced (grown), before
   * any edge beyond the old ones is added or searched.
   */
  shareEnds(rows: Int32Array, columns: Int32Array) {
    this.endsShared = true;
    this.edgeRow = rows;
    this.edgeColumn = columns;
  }

  /**
   * Adds an edge at the end of its row's and its column's lists; returns its slot. With ends
   * shared (see shareEnds), the caller's tables already hold its row and column at that slot,
   * and its id is the slot.
   */
  addEdge(row: number, column: number, weight: number, id: number): number {
    if (this.edges === this.edgeWeight.length) this.grow(grownFrom(this.edges));
    const edge = this.edges++;
    if (!this.endsShared) {
      this.edgeRow[edge] = row;
      this.edgeColumn[edge] = column;
      this.edgeId[edge] = id;
    }
    this.edgeWeight[edge] = weight;
    this.nextOfRow[edge] = NONE;
    this.nextOfColumn[edge] = NONE;
    const lastOfRow = int(this.lastOfRow, row);
    if (lastOfRow === NONE) this.firstOfRow[row] = edge;
    else {
      this.nextOfRow[lastOfRow] = edge;
      if (weight > float(this.edgeWeight, lastOfRow) && this.unsorted[row] === 0) {
        this.unsorted[row] = 1;
        this.unsortedRows.push(row);
      }
    }
    this.lastOfRow[row] = edge;
    const lastOfColumn = num(this.lastOfColumn, column);
    if (lastOfColumn === NONE) this.firstOfColumn[column] = edge;
    else this.nextOfColumn[lastOfColumn] = edge;
    this.lastOfColumn[column] = edge;
    return edge;
  }

  /**
   * Puts each row's edges heaviest first, so that a search can stop reading a row at the first
   * edge too light to reach anything it could still settle (see AugmentingPaths.place). Rows
   * mostly get their edges in that order already (the candidate search reads best first, and
   * later rounds read lower): only those that did not are sorted again.
   */
  sortRows() {
    const { edgeWeight, nextOfRow, unsortedRows } = this;
    const edges: number[] = [];
    for (const row of unsortedRows) {
      edges.length = 0;
      for (let edge = int(this.firstOfRow, row); edge !== NONE; edge = int(nextOfRow, edge)) edges.push(edge);
      // Equal weights keep the order they were added in: the same problem, the same lists.
      edges.sort((a, b) => float(edgeWeight, b) - float(edgeWeight, a) || a - b);
      let previous = NONE;
      for (const edge of edges) {
        if (previous === NONE) this.firstOfRow[row] = edge;
        else nextOfRow[previous] = edge;
        previous = edge;
      }
      nextOfRow[previous] = NONE;
      this.lastOfRow[row] = previous;
      this.unsorted[row] = 0;
    }
    unsortedRows.length = 0;
  }

  /**
   * Room for `more` edges beyond those it has, when the caller knows how many come next: exactly
   * that room the first time, and when it must grow again, at least a quarter more, as when full.
   * The relaxation reserves each candidate round's pairs: grown to the exact size every round, it
   * copied its tables whole each time (on the national pool's largest country, 16.2 million edge
   * slots over its rounds, against 10.6 million so).
   */
  reserve(more: number) {
    const room = this.edgeWeight.length;
    if (this.edges + more > room) this.grow(Math.max(this.edges + more, room === 0 ? 0 : grownFrom(room)));
  }

  /** Room for `capacity` rows in the column (those seated stay: the caller moves any beyond it). */
  setCapacity(column: number, capacity: number) {
    this.freeSlots[column] = capacity - item(this.seatedRows, column).length;
    this.capacity[column] = capacity;
  }

  unassign(row: number) {
    const column = int(this.rowColumn, row);
    const rows = item(this.seatedRows, column);
    rows[rows.indexOf(row)] = num(rows, rows.length - 1);
    rows.pop();
    this.freeSlots[column] = int(this.freeSlots, column) + 1;
    this.total -= float(this.rowWeight, row);
    this.rowColumn[row] = NONE;
    this.rowEdgeId[row] = NONE;
  }

  /** Seats the row through one of its edges (by slot), leaving the column it sat in. */
  assign(row: number, edge: number) {
    if (int(this.rowColumn, row) !== NONE) this.unassign(row);
    const column = int(this.edgeColumn, edge);
    item(this.seatedRows, column).push(row);
    this.freeSlots[column] = int(this.freeSlots, column) - 1;
    this.rowColumn[row] = column;
    this.rowWeight[row] = float(this.edgeWeight, edge);
    this.total += float(this.edgeWeight, edge);
    this.rowEdgeId[row] = this.endsShared ? edge : int(this.edgeId, edge);
  }

  private grow(capacity: number) {
    const { edges } = this;
    if (!this.endsShared) {
      this.edgeRow = widened(this.edgeRow, new Int32Array(capacity), edges);
      this.edgeColumn = widened(this.edgeColumn, new Int32Array(capacity), edges);
      this.edgeId = widened(this.edgeId, new Int32Array(capacity), edges);
    }
    this.edgeWeight = widened(this.edgeWeight, new Float64Array(capacity), edges);
    this.nextOfRow = widened(this.nextOfRow, new Int32Array(capacity), edges);
    this.nextOfColumn = widened(this.nextOfColumn, new Int32Array(capacity), edges);
  }
}
