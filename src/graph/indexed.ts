import type { TxGraph } from './types.js';

/**
 * The graph as integer adjacency arrays (CSR), ids numbered in sorted order so that comparing
 * indices compares unique_ids. Whole-graph algorithms (cycle, order, layers) run over typed
 * arrays instead of graphology's string-keyed maps: one O(n + e) conversion, then tight loops.
 * Built per call on purpose: caching it would be module-level state.
 */
export interface IndexedGraph {
  ids: string[];
  index: Map<string, number>;
  /** Children of i are out[outStart[i] .. outStart[i + 1]). */
  outStart: Int32Array;
  out: Int32Array;
  /** Parents of i are inn[inStart[i] .. inStart[i + 1]). */
  inStart: Int32Array;
  inn: Int32Array;
}

export function indexGraph(graph: TxGraph): IndexedGraph {
  const ids = graph.nodes().sort();
  const n = ids.length;
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) index.set(ids[i]!, i);
  const m = graph.size;
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  const outStart = new Int32Array(n + 1);
  const inStart = new Int32Array(n + 1);
  let e = 0;
  graph.forEachEdge((_edge, _attrs, s, t) => {
    const si = index.get(s)!;
    const ti = index.get(t)!;
    src[e] = si;
    dst[e] = ti;
    outStart[si + 1]!++;
    inStart[ti + 1]!++;
    e++;
  });
  for (let i = 0; i < n; i++) {
    outStart[i + 1]! += outStart[i]!;
    inStart[i + 1]! += inStart[i]!;
  }
  const out = new Int32Array(m);
  const inn = new Int32Array(m);
  const outFill = outStart.slice(0, n);
  const inFill = inStart.slice(0, n);
  for (let k = 0; k < m; k++) {
    out[outFill[src[k]!]!++] = dst[k]!;
    inn[inFill[dst[k]!]!++] = src[k]!;
  }
  return { ids, index, outStart, out, inStart, inn };
}

/** Binary min-heap of node indices (so ready nodes leave in unique_id order). */
class IntMinHeap {
  private readonly a: Int32Array;
  size = 0;
  constructor(capacity: number) {
    this.a = new Int32Array(Math.max(1, capacity));
  }
  push(v: number): void {
    const a = this.a;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]! <= v) break;
      a[i] = a[p]!;
      i = p;
    }
    a[i] = v;
  }
  pop(): number {
    const a = this.a;
    const top = a[0]!;
    const last = a[--this.size]!;
    let i = 0;
    const n = this.size;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && a[r]! < a[l]! ? r : l;
      if (a[c]! >= last) break;
      a[i] = a[c]!;
      i = c;
    }
    if (n > 0) a[i] = last;
    return top;
  }
}

/**
 * Kahn's algorithm, ready nodes taken smallest unique_id first. Returns the order of every
 * node it could place; fewer than n means the rest sit on or below a cycle.
 * `ordered = false` uses a plain queue, for when only acyclicity matters.
 */
export function kahn(g: IndexedGraph, ordered = true): Int32Array {
  const n = g.ids.length;
  const indeg = new Int32Array(n);
  for (let i = 0; i < n; i++) indeg[i] = g.inStart[i + 1]! - g.inStart[i]!;
  const order = new Int32Array(n);
  let placed = 0;
  if (ordered) {
    const heap = new IntMinHeap(n);
    for (let i = 0; i < n; i++) if (indeg[i] === 0) heap.push(i);
    while (heap.size > 0) {
      const v = heap.pop();
      order[placed++] = v;
      for (let k = g.outStart[v]!; k < g.outStart[v + 1]!; k++) {
        const c = g.out[k]!;
        if (--indeg[c]! === 0) heap.push(c);
      }
    }
  } else {
    // The order array doubles as the FIFO queue.
    for (let i = 0; i < n; i++) if (indeg[i] === 0) order[placed++] = i;
    for (let head = 0; head < placed; head++) {
      const v = order[head]!;
      for (let k = g.outStart[v]!; k < g.outStart[v + 1]!; k++) {
        const c = g.out[k]!;
        if (--indeg[c]! === 0) order[placed++] = c;
      }
    }
  }
  return order.subarray(0, placed);
}
