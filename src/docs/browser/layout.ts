/**
 * Layered (Sugiyama-style) layout of a DAG, left to right:
 *   1. layers by longest path from the roots; pinned roots (sources, seeds) stay in the first
 *      layer, other roots are pulled next to their first reader;
 *   2. edges spanning several layers get dummy vertices, so they bend around nodes;
 *   3. crossings reduced from a depth-first initial order by barycentre sweeps and adjacent
 *      swaps (transpose), keeping the best order seen;
 *   4. a layer taller than maxRows wraps into sub-columns; by default maxRows is chosen so the
 *      picture's shape matches the canvas (`aspect`), which a fit then shows at the largest scale;
 *   5. vertical positions: each node as close to the mean of its neighbours as its order and
 *      the minimum gap allow (isotonic regression with pool-adjacent-violators), a few passes.
 * Pure and deterministic: the same graph always gets the same picture.
 */

export interface LayoutOptions {
  /** Horizontal distance between layers. */
  layerGap: number;
  /** Minimum vertical distance between node centres within a layer. */
  rowGap: number;
  /** Width of a node box (edges leave its right side and enter its left side). */
  nodeWidth: number;
  /** Height of a node box (only used to size the canvas; default rowGap). */
  nodeHeight?: number;
  /** Ordering iterations (each a barycentre sweep and a transpose pass). */
  sweeps?: number;
  /** Rows before a layer wraps into another sub-column (default: from `aspect`, else about 2·√vertices, at least 24). */
  maxRows?: number;
  /** Width / height of the canvas the picture will be fitted into. */
  aspect?: number;
  /** Per node: keep it in the first layer (sources and seeds, where data enters). */
  pinned?: readonly boolean[];
}

export interface Point {
  x: number;
  y: number;
}

export interface LayoutResult {
  /** Centre of each node, by local index. */
  pos: Point[];
  layer: number[];
  /** Per input edge, in input order: the polyline from the parent's right side to the child's left side. */
  edges: Point[][];
  width: number;
  height: number;
  layers: number;
  crossings: number;
  /** Layers wrapped into sub-columns: the x range of their node centres, so they can be drawn as one group. */
  wrapped: { x0: number; x1: number }[];
}

/** Beyond this many dummy vertices long edges are drawn straight: ordering cost must stay bounded. */
const MAX_DUMMIES_PER_NODE = 6;

/** Kahn's algorithm; vertices on a cycle (there should be none) are appended in index order. */
function topoOrder(n: number, out: number[][], indeg: number[]): number[] {
  const deg = [...indeg];
  const queue: number[] = [];
  for (let v = 0; v < n; v++) if (deg[v] === 0) queue.push(v);
  const order: number[] = [];
  const placed = new Array<boolean>(n).fill(false);
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q]!;
    order.push(v);
    placed[v] = true;
    for (const w of out[v]!) if (--deg[w]! === 0) queue.push(w);
  }
  for (let v = 0; v < n; v++) if (!placed[v]) order.push(v);
  return order;
}

function assignLayers(n: number, edges: readonly (readonly [number, number])[], pinned: readonly boolean[] | undefined): number[] {
  const out: number[][] = Array.from({ length: n }, () => []);
  const inn: number[][] = Array.from({ length: n }, () => []);
  const indeg = new Array<number>(n).fill(0);
  for (const [u, v] of edges) {
    out[u]!.push(v);
    inn[v]!.push(u);
    indeg[v]!++;
  }
  const order = topoOrder(n, out, indeg);
  const layer = new Array<number>(n).fill(0);
  const rank = new Array<number>(n);
  order.forEach((v, i) => (rank[v] = i));
  for (const v of order) for (const u of inn[v]!) if (rank[u]! < rank[v]!) layer[v] = Math.max(layer[v]!, layer[u]! + 1);
  // Other roots sit just before their earliest reader instead of all in column 0.
  for (let i = order.length - 1; i >= 0; i--) {
    const v = order[i]!;
    if (inn[v]!.length > 0 || out[v]!.length === 0 || pinned?.[v]) continue;
    layer[v] = Math.max(0, Math.min(...out[v]!.map((w) => layer[w]!)) - 1);
  }
  return layer;
}

/** Crossings between two adjacent layers (edges given as [upper position, lower position]). */
function countCrossings(pairs: [number, number][]): number {
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  // Inversions among the lower positions, by merge sort.
  const arr = pairs.map((p) => p[1]);
  const tmp = new Array<number>(arr.length);
  const sort = (lo: number, hi: number): number => {
    if (hi - lo < 2) return 0;
    const mid = (lo + hi) >> 1;
    let c = sort(lo, mid) + sort(mid, hi);
    let i = lo;
    let j = mid;
    let k = lo;
    while (i < mid && j < hi) {
      if (arr[i]! <= arr[j]!) tmp[k++] = arr[i++]!;
      else {
        c += mid - i;
        tmp[k++] = arr[j++]!;
      }
    }
    while (i < mid) tmp[k++] = arr[i++]!;
    while (j < hi) tmp[k++] = arr[j++]!;
    for (let x = lo; x < hi; x++) arr[x] = tmp[x]!;
    return c;
  };
  return sort(0, arr.length);
}

/** Best y positions keeping order and a minimum gap: isotonic regression of (desired - i·gap). */
export function placeWithGap(desired: readonly number[], gap: number): number[] {
  const blocks: { sum: number; count: number }[] = [];
  desired.forEach((d, i) => {
    blocks.push({ sum: d - i * gap, count: 1 });
    while (blocks.length > 1) {
      const b = blocks[blocks.length - 1]!;
      const a = blocks[blocks.length - 2]!;
      if (a.sum / a.count <= b.sum / b.count) break;
      a.sum += b.sum;
      a.count += b.count;
      blocks.pop();
    }
  });
  const out: number[] = [];
  for (const b of blocks) for (let k = 0; k < b.count; k++) out.push(b.sum / b.count + out.length * gap);
  return out;
}

/** Crossings between every pair of adjacent layers, for the current positions. */
function totalCrossings(layers: number[][], down: number[][], position: number[]): number {
  let total = 0;
  for (let l = 0; l + 1 < layers.length; l++) {
    const pairs: [number, number][] = [];
    for (const v of layers[l]!) for (const w of down[v]!) pairs.push([position[v]!, position[w]!]);
    total += countCrossings(pairs);
  }
  return total;
}

/**
 * The order inside each layer: a depth-first initial order (a node's children next to each
 * other), then alternate barycentre sweeps, each followed by a transpose pass (swap neighbours
 * when that removes crossings), keeping the best order seen. Stops early when nothing improves.
 */
function orderLayers(layers: number[][], up: number[][], down: number[][], position: number[], iterations: number): void {
  const renumber = (): void => layers.forEach((row) => row.forEach((v, i) => (position[v] = i)));
  // Depth-first from the first layer's vertices, in their index order.
  const seen = new Set<number>();
  const visitOrder = new Array<number>(position.length).fill(0);
  let counter = 0;
  const stack: number[] = [];
  for (const root of [...layers.flat()]) {
    if (seen.has(root)) continue;
    stack.push(root);
    while (stack.length > 0) {
      const v = stack.pop()!;
      if (seen.has(v)) continue;
      seen.add(v);
      visitOrder[v] = counter++;
      for (let k = down[v]!.length - 1; k >= 0; k--) if (!seen.has(down[v]![k]!)) stack.push(down[v]![k]!);
    }
  }
  for (const row of layers) row.sort((a, b) => visitOrder[a]! - visitOrder[b]!);
  renumber();
  let best = layers.map((row) => [...row]);
  let bestCrossings = totalCrossings(layers, down, position);
  const sweep = (downward: boolean): void => {
    const count = layers.length;
    for (let step = 1; step < count; step++) {
      const row = layers[downward ? step : count - 1 - step]!;
      const key = new Map<number, number>();
      for (const v of row) {
        const ns = downward ? up[v]! : down[v]!;
        key.set(v, ns.length === 0 ? position[v]! : ns.reduce((s, w) => s + position[w]!, 0) / ns.length);
      }
      row.sort((a, b) => key.get(a)! - key.get(b)! || position[a]! - position[b]!);
      row.forEach((v, i) => (position[v] = i));
    }
  };
  /** Crossings among the edges of u and v (to both neighbouring layers) with u placed before v. */
  const pairCrossings = (u: number, v: number): number => {
    let c = 0;
    for (const ns of [up, down]) for (const a of ns[u]!) for (const b of ns[v]!) if (position[a]! > position[b]!) c++;
    return c;
  };
  const transpose = (): void => {
    for (let pass = 0; pass < 4; pass++) {
      let improved = false;
      for (const row of layers) {
        for (let i = 0; i + 1 < row.length; i++) {
          const u = row[i]!;
          const v = row[i + 1]!;
          if (pairCrossings(v, u) < pairCrossings(u, v)) {
            row[i] = v;
            row[i + 1] = u;
            position[v] = i;
            position[u] = i + 1;
            improved = true;
          }
        }
      }
      if (!improved) break;
    }
  };
  const restore = (): void => {
    best.forEach((row, l) => (layers[l] = [...row]));
    renumber();
  };
  let stale = 0;
  for (let it = 0; it < iterations && bestCrossings > 0 && stale < 3; it++) {
    sweep(it % 2 === 0);
    transpose();
    const c = totalCrossings(layers, down, position);
    if (c < bestCrossings) {
      bestCrossings = c;
      best = layers.map((row) => [...row]);
      stale = 0;
    } else stale++;
  }
  restore();
  // Sifting: each vertex in turn moves to the place in its layer where its edges cross least.
  let work = 0;
  for (let round = 0; round < 6 && bestCrossings > 0; round++) {
    for (let l = 0; l < layers.length; l++) sift(layers[l]!);
    for (let l = layers.length - 1; l >= 0; l--) sift(layers[l]!);
    const c = totalCrossings(layers, down, position);
    if (c >= bestCrossings) break;
    bestCrossings = c;
    best = layers.map((row) => [...row]);
  }
  restore();

  function sift(row: number[]): void {
    if (row.length < 2 || work > SIFT_BUDGET) return;
    // Neighbours sit in other layers, so their positions stay put while this layer is sifted.
    const ups = new Map<number, Int32Array>();
    const downs = new Map<number, Int32Array>();
    for (const v of row) {
      ups.set(v, Int32Array.from(up[v]!, (w) => position[w]!).sort());
      downs.set(v, Int32Array.from(down[v]!, (w) => position[w]!).sort());
    }
    const before = new Float64Array(row.length);
    const after = new Float64Array(row.length);
    const out = new Float64Array(2);
    for (const v of [...row]) {
      const from = position[v]!;
      row.splice(from, 1);
      const vu = ups.get(v)!;
      const vd = downs.get(v)!;
      let total = 0;
      for (let i = 0; i < row.length; i++) {
        const u = row[i]!;
        pairs(vu, ups.get(u)!, out);
        let b = out[0]!;
        let a = out[1]!;
        pairs(vd, downs.get(u)!, out);
        b += out[0]!;
        a += out[1]!;
        before[i] = b;
        after[i] = a;
        total += b;
      }
      work += row.length * (vu.length + vd.length + 2);
      // v first (every other vertex after it), then moved right past each in turn.
      let bestAt = 0;
      let bestTotal = total;
      for (let i = 0; i < row.length; i++) {
        total += after[i]! - before[i]!;
        if (total < bestTotal) [bestAt, bestTotal] = [i + 1, total];
      }
      row.splice(bestAt, 0, v);
      for (let i = Math.min(from, bestAt); i <= Math.max(from, bestAt) && i < row.length; i++) position[row[i]!] = i;
    }
  }
}

/** Sifting stops past this much work (pair evaluations × degrees), so huge selections stay fast. */
const SIFT_BUDGET = 3_000_000;

/**
 * Crossings between the edges of two vertices v and u of one layer, given their neighbours'
 * sorted positions in an adjacent layer: out[0] with v above u, out[1] with u above v.
 */
function pairs(a: Int32Array, b: Int32Array, out: Float64Array): void {
  let vAbove = 0;
  let equal = 0;
  let j = 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    while (j < b.length && b[j]! < x) j++;
    if (k < j) k = j;
    while (k < b.length && b[k]! === x) k++;
    vAbove += j;
    equal += k - j;
  }
  out[0] = vAbove;
  out[1] = a.length * b.length - vAbove - equal;
}

/**
 * The rows per sub-column whose picture best fills a canvas of the given shape: the largest
 * fit scale min(W / width, H / height), found by trying every useful row count.
 */
function rowsForAspect(sizes: readonly number[], opts: LayoutOptions, colWidth: number): number {
  const tallest = Math.max(1, ...sizes);
  const aspect = opts.aspect!;
  let best = tallest;
  let bestScale = 0;
  for (let rows = Math.min(tallest, 8); rows <= tallest; rows = rows < 64 ? rows + 1 : Math.ceil(rows * 1.05)) {
    let width = opts.nodeWidth;
    sizes.forEach((size, l) => (width += (Math.ceil(size / rows) - 1) * colWidth + (l === 0 ? 0 : opts.layerGap)));
    const height = rows * opts.rowGap;
    // Scale at which it fits a canvas of height 1 and width `aspect`.
    const scale = Math.min(aspect / width, 1 / height);
    if (scale > bestScale * 1.0001) [best, bestScale] = [rows, scale];
  }
  return best;
}

export function layeredLayout(n: number, edges: readonly (readonly [number, number])[], opts: LayoutOptions): LayoutResult {
  const layerOf = assignLayers(n, edges, opts.pinned);
  // Vertices: real nodes 0..n-1, then dummies. up/down: neighbours one layer away.
  const vLayer = [...layerOf];
  const up: number[][] = Array.from({ length: n }, () => []);
  const down: number[][] = Array.from({ length: n }, () => []);
  const chains: number[][] = [];
  const useDummies = edges.reduce((s, [u, v]) => s + Math.max(0, layerOf[v]! - layerOf[u]! - 1), 0) <= n * MAX_DUMMIES_PER_NODE;
  for (const [u, v] of edges) {
    const chain = [u];
    if (useDummies) {
      for (let l = layerOf[u]! + 1; l < layerOf[v]!; l++) {
        const d = vLayer.length;
        vLayer.push(l);
        up.push([]);
        down.push([]);
        chain.push(d);
      }
    }
    chain.push(v);
    for (let k = 0; k + 1 < chain.length; k++) {
      const a = chain[k]!;
      const b = chain[k + 1]!;
      // Skip edges that go backwards or stay in a layer (only possible on a cycle).
      if (vLayer[b]! > vLayer[a]!) {
        down[a]!.push(b);
        up[b]!.push(a);
      }
    }
    chains.push(chain);
  }
  const layerCount = vLayer.reduce((m, l) => Math.max(m, l + 1), 0);
  const layers: number[][] = Array.from({ length: layerCount }, () => []);
  vLayer.forEach((l, v) => layers[l]!.push(v));
  const position = new Array<number>(vLayer.length).fill(0);
  orderLayers(layers, up, down, position, opts.sweeps ?? 16);
  const bestCrossings = totalCrossings(layers, down, position);

  // A layer taller than maxRows (hundreds of roots, or unconnected nodes) wraps into several
  // sub-columns, so a selection never becomes one endless column.
  const colWidth = opts.nodeWidth + 24;
  const sizes = layers.map((row) => row.length);
  const maxRows = opts.maxRows ?? (opts.aspect !== undefined ? rowsForAspect(sizes, opts, colWidth) : Math.max(24, Math.ceil(Math.sqrt(vLayer.length) * 2)));
  const subColumns = layers.map((row) => Math.max(1, Math.ceil(row.length / maxRows)));
  const layerX: number[] = [];
  subColumns.forEach((c, l) => layerX.push(l === 0 ? 0 : layerX[l - 1]! + (subColumns[l - 1]! - 1) * colWidth + opts.layerGap));
  const x = new Array<number>(vLayer.length).fill(0);
  const y = new Array<number>(vLayer.length).fill(0);
  layers.forEach((row, l) =>
    row.forEach((v, i) => {
      const sub = subColumns[l]! > 1 ? Math.floor(i / maxRows) : 0;
      x[v] = layerX[l]! + sub * colWidth;
      y[v] = (subColumns[l]! > 1 ? i % maxRows : i) * opts.rowGap;
    }),
  );
  // Vertical placement: start stacked, then pull each layer towards its neighbours, both ways
  // (wrapped layers keep their grid).
  const align = (downward: boolean): void => {
    const range = downward ? [...Array(layerCount).keys()] : [...Array(layerCount).keys()].reverse();
    for (const l of range) {
      if (subColumns[l]! > 1) continue;
      const row = layers[l]!;
      const desired = row.map((v) => {
        const ns = downward ? up[v]! : down[v]!;
        return ns.length === 0 ? y[v]! : ns.reduce((s, w) => s + y[w]!, 0) / ns.length;
      });
      placeWithGap(desired, opts.rowGap).forEach((yy, i) => (y[row[i]!] = yy));
    }
  };
  for (let pass = 0; pass < 4; pass++) align(pass % 2 === 0);
  const minY = y.reduce((m, v) => Math.min(m, v), 0);
  const pos: Point[] = vLayer.map((_, v) => ({ x: x[v]!, y: y[v]! - minY }));
  const half = opts.nodeWidth / 2;
  const edgePoints = chains.map((chain) =>
    chain.map((v, k) => {
      const p = pos[v]!;
      if (k === 0) return { x: p.x + half, y: p.y };
      if (k === chain.length - 1) return { x: p.x - half, y: p.y };
      return { x: p.x, y: p.y };
    }),
  );
  const height = pos.reduce((m, p) => Math.max(m, p.y), 0);
  return {
    pos: pos.slice(0, n),
    layer: layerOf,
    edges: edgePoints,
    width: pos.reduce((m, p) => Math.max(m, p.x), 0) + opts.nodeWidth,
    height,
    layers: layerCount,
    crossings: bestCrossings,
    wrapped: subColumns.flatMap((c, l) => (c > 1 ? [{ x0: layerX[l]!, x1: layerX[l]! + (c - 1) * colWidth }] : [])),
  };
}
