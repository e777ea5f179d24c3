import { float, grownFrom, int, item, num } from './arrays.ts';
import { type Component, weightOfEdge } from './components.ts';
import { DynamicAssignment } from './dynamic-assignment.ts';

interface Seat {
  readonly size: number;
  readonly column: number;
  open: boolean;
}

/** Where a Seating starts instead of from nothing: an optimum of the relaxation, and the first cutting. */
export interface WarmStart {
  /** The relaxation's duals (weight units), per request and per offer of the component. */
  readonly requestDuals: Float64Array;
  readonly offerDuals: Float64Array;
  /** The relaxation's optimum: a component edge per request, -1 for none. */
  readonly assignment: Int32Array;
  /** The seats each multi-party offer is cut into first. */
  readonly seats: readonly (readonly number[])[];
  /** Per multi-party offer, a dual for each of those seats (by default its offer's dual). */
  readonly seatDuals?: readonly (readonly number[])[];
}

/**
 * The duals a Seating's optimum left, per request and offer of its component, and the seats it
 * had cut: where a search over more pairs of the same component can start (see WarmStart).
 */
export interface SeatedDuals {
  /** The greatest row duals (see greatestDuals). */
  readonly requests: Float64Array;
  /** Per single-party offer, its dual with them (NaN for a multi-party offer). */
  readonly offers: Float64Array;
  /** Per multi-party offer, its open seats: their sizes, and their duals (empty for a single-party offer). */
  readonly seats: readonly SeatsOfOffer[];
}

/** One offer's seats, as sizes and the dual of each. */
export interface SeatsOfOffer {
  readonly sizes: readonly number[];
  readonly duals: readonly number[];
}

/**
 * The component with every multi-party offer cut into single-party seats of fixed sizes: a
 * party may take a seat at least its size. Any assignment of it keeps every offer's beds, and
 * it is a plain assignment problem, solved exactly. One DynamicAssignment is kept across
 * cuttings: a new cutting closes the seats it no longer has and opens the ones it adds, and
 * only what that disturbs is searched again. Warm-started, it begins at the relaxation's
 * optimum: every seat of an offer takes the offer's relaxed dual (an edge to a seat is one of
 * the offer's edges, so those duals cover it), the relaxation's parties sit where a seat fits
 * them, and the first solve searches only for the parties the cutting leaves out and the seats
 * it leaves free, not for every request again.
 */
export class Seating {
  private readonly solver: DynamicAssignment;
  /** Per multi-party offer: its seats (open or closed), and the component edges to it. */
  private readonly seats: Seat[][];
  private readonly edgesTo: number[][];
  private readonly requestOfEdge: Int32Array;
  /** Per single-party offer, its column (-1 for a multi-party offer). */
  private readonly offerColumn: Int32Array;

  constructor(
    private readonly c: Component,
    warm?: WarmStart,
  ) {
    this.solver = new DynamicAssignment(c.requests);
    this.seats = Array.from({ length: c.offers }, () => []);
    this.edgesTo = Array.from({ length: c.offers }, () => []);
    this.requestOfEdge = new Int32Array(c.edgeOffer.length);
    if (warm) this.solver.startFrom(warm.requestDuals);
    // The seats cut later add edges of their own: room for a quarter more from the start, as
    // filling the first edges' room exactly and then growing copied the search's largest table
    // (on the national pool's largest country, a quarter more sufficed).
    this.solver.reserve(grownFrom(firstEdges(c, warm?.seats)));
    const column = new Int32Array(c.offers).fill(-1);
    this.offerColumn = column;
    for (let offer = 0; offer < c.offers; offer++)
      if (c.multi[offer] !== 1)
        column[offer] = this.solver.addColumn(1, warm ? float(warm.offerDuals, offer) : 0);
    for (let request = 0; request < c.requests; request++) {
      for (let e = int(c.start, request); e < int(c.start, request + 1); e++) {
        this.requestOfEdge[e] = request;
        const offer = int(c.edgeOffer, e);
        if (c.multi[offer] === 1) item(this.edgesTo, offer).push(e);
        else this.solver.addEdge(request, int(column, offer), weightOfEdge(c, e), e);
      }
    }
    if (warm) this.seatFrom(warm, column);
  }

  /**
   * Seats the relaxation's parties, strongest first, each in the smallest free seat of its offer
   * that fits it: with seats cut for the parties a repair keeps (see seatsOf), these are exactly
   * the ones it keeps; a party no seat fits is left to the first solve, as are free seats.
   */
  private seatFrom(warm: WarmStart, column: Int32Array) {
    const { c, solver } = this;
    for (let offer = 0; offer < c.offers; offer++) {
      const sizes = item(warm.seats, offer);
      const duals = warm.seatDuals && item(warm.seatDuals, offer);
      const bySize = Array.from(sizes, (_, seat) => seat).sort((a, b) => num(sizes, a) - num(sizes, b));
      for (const seat of bySize)
        this.addSeat(offer, num(sizes, seat), duals ? num(duals, seat) : float(warm.offerDuals, offer));
    }
    const seated = Array.from({ length: c.requests }, (_, request) => request).filter(
      (request) => int(warm.assignment, request) >= 0,
    );
    const cost = (request: number) => float(c.edgeCost, int(warm.assignment, request));
    seated.sort((a, b) => cost(a) - cost(b));
    for (const request of seated) {
      const offer = int(c.edgeOffer, int(warm.assignment, request));
      if (c.multi[offer] !== 1) solver.seat(request, int(column, offer));
      else
        for (const seat of item(this.seats, offer))
          if (seat.size >= int(c.sizes, request) && solver.seat(request, seat.column)) break;
    }
    solver.settle();
  }

  /** Cuts a multi-party offer into seats of these sizes (closing, reopening or adding seats as needed). */
  cut(offer: number, sizes: readonly number[]) {
    const { solver } = this;
    const seats = item(this.seats, offer);
    const wanted = new Map<number, number>();
    for (const size of sizes) wanted.set(size, (wanted.get(size) ?? 0) + 1);
    for (const seat of seats) {
      const left = wanted.get(seat.size) ?? 0;
      if (seat.open && left > 0) wanted.set(seat.size, left - 1);
      else if (seat.open) {
        seat.open = false;
        solver.setCapacity(seat.column, 0);
      }
    }
    for (const seat of seats) {
      const left = wanted.get(seat.size) ?? 0;
      if (seat.open || left === 0) continue;
      seat.open = true;
      solver.setCapacity(seat.column, 1);
      wanted.set(seat.size, left - 1);
    }
    for (const [size, count] of wanted) for (let k = 0; k < count; k++) this.addSeat(offer, size, 0);
  }

  /** A new open seat of the offer, with its dual, and an edge from every party it fits. */
  private addSeat(offer: number, size: number, dual: number) {
    const { c, solver } = this;
    const column = solver.addColumn(1, dual);
    item(this.seats, offer).push({ size, column, open: true });
    for (const e of item(this.edgesTo, offer)) {
      const request = int(this.requestOfEdge, e);
      if (int(c.sizes, request) <= size) solver.addEdge(request, column, weightOfEdge(c, e), e);
    }
  }

  /** The solver's work so far (see DynamicAssignment.work). */
  get work(): number {
    return this.solver.work;
  }

  /** Each request's dual as the solver keeps it (see keptRowDuals): cheap prices for one step. */
  keptRequestDuals(): Float64Array {
    return this.solver.keptRowDuals();
  }

  /** Each request's greatest dual in the current optimum (see greatestRowDuals). */
  requestDuals(): Float64Array {
    return this.solver.greatestRowDuals();
  }

  /** The duals of the current optimum (restored first), and the seats they price: see SeatedDuals. */
  duals(): SeatedDuals {
    const { rows, columns } = this.solver.greatestDuals();
    const offers = Float64Array.from(this.offerColumn, (column) =>
      column >= 0 ? float(columns, column) : Number.NaN,
    );
    const seats = this.seats.map((seats) => {
      const open = seats.filter((seat) => seat.open);
      return { sizes: open.map((seat) => seat.size), duals: open.map((seat) => float(columns, seat.column)) };
    });
    return { requests: rows, offers, seats };
  }

  /**
   * Solves for the seats cut so far and returns the best assignment's total weight: what a
   * step of the search compares, without copying the assignment (see `assignment`).
   */
  solve(): number {
    this.solver.solve();
    return this.solver.total;
  }

  /** The assignment last solved: a component edge per request, or -1. */
  assignment(): Int32Array {
    return this.solver.assignment();
  }
}

/** The edges a Seating starts with: one per single-party edge, one per seat a party fits. */
function firstEdges(c: Component, seats: readonly (readonly number[])[] | undefined): number {
  let edges = 0;
  for (let request = 0; request < c.requests; request++)
    for (let e = int(c.start, request); e < int(c.start, request + 1); e++) {
      const offer = int(c.edgeOffer, e);
      if (c.multi[offer] !== 1) edges++;
      else for (const size of seats ? item(seats, offer) : []) if (size >= int(c.sizes, request)) edges++;
    }
  return edges;
}

/** The ways seatsOf cuts an offer's beds into seats, tried in turn. */
export const SEAT_VARIANTS = 5;

/**
 * A cutting of every multi-party offer into seats, for one step of a very large neighbourhood
 * search (the exact assignment over all seats then moves any number of parties at once).
 * Variants: the current parties' sizes with the free beds as one more seat (0), or halved (1),
 * or cut in twos (2); the two smallest parties' seats merged (3); the parties the relaxation
 * put there, best first while they fit (4). Variants 0 to 3 keep the current solution among
 * the assignments, so they never lose weight.
 */
export function seatsOf(c: Component, current: Int32Array, relaxed: Int32Array, variant: number): number[][] {
  const parties: number[][] = Array.from({ length: c.offers }, () => []);
  const source = variant === 4 ? relaxed : current;
  // Only the parties of multi-party offers are cut for; a stable sort orders them as among all.
  const order: number[] = [];
  for (let request = 0; request < c.requests; request++) {
    const edge = int(source, request);
    if (edge >= 0 && c.multi[int(c.edgeOffer, edge)] === 1) order.push(request);
  }
  order.sort((a, b) => float(c.edgeCost, int(source, a)) - float(c.edgeCost, int(source, b)));
  for (const request of order)
    item(parties, int(c.edgeOffer, int(source, request))).push(int(c.sizes, request));
  return parties.map((sizes, offer) => {
    if (c.multi[offer] !== 1) return [];
    const result: number[] = [];
    let free = int(c.beds, offer);
    for (const size of sizes) {
      if (size > free) continue;
      result.push(size);
      free -= size;
    }
    result.sort((a, b) => a - b);
    if (variant === 3 && result.length >= 2) result.splice(0, 2, num(result, 0) + num(result, 1));
    if (variant === 1 && free >= 2) result.push(Math.ceil(free / 2), Math.floor(free / 2));
    else if (variant === 2) {
      for (; free >= 2; free -= 2) result.push(2);
      if (free > 0) result.push(free);
    } else if (free > 0) result.push(free);
    return result;
  });
}
