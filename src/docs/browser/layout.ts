/**
 * Layered (Sugiyama-style) layout of a DAG, left to right:
 *   1. layers by longest path from the roots, with roots pulled next to their first reader;
 *   2. edges spanning several layers get dummy vertices, so they bend around nodes;
 *   3. crossings reduced by barycentre sweeps, keeping the best order seen;
 *   4. vertical positions: each node as close to the mean of its neighbours as its order and
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
  sweeps?: number;
  /** Rows before a layer wraps into another sub-column (default: about 2·√vertices, at least 24). */
  maxRows?: number;
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

function assignLayers(n: number, edges: readonly (readonly [number, number])[]): number[] {
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
  // Roots (sources, seeds) sit just before their earliest reader instead of all in column 0.
  for (let i = order.length - 1; i >= 0; i--) {
    const v = order[i]!;
    if (inn[v]!.length > 0 || out[v]!.length === 0) continue;
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

export function layeredLayout(n: number, edges: readonly (readonly [number, number])[], opts: LayoutOptions): LayoutResult {
  const layerOf = assignLayers(n, edges);
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
  const renumber = (): void => layers.forEach((row) => row.forEach((v, i) => (position[v] = i)));
  renumber();

  const crossingsOf = (): number => {
    let total = 0;
    for (let l = 0; l + 1 < layerCount; l++) {
      const pairs: [number, number][] = [];
      for (const v of layers[l]!) for (const w of down[v]!) pairs.push([position[v]!, position[w]!]);
      total += countCrossings(pairs);
    }
    return total;
  };
  const sweep = (downward: boolean): void => {
    const range = downward ? [...Array(layerCount).keys()].slice(1) : [...Array(layerCount).keys()].reverse().slice(1);
    for (const l of range) {
      const row = layers[l]!;
      const key = new Map<number, number>();
      for (const v of row) {
        const ns = downward ? up[v]! : down[v]!;
        key.set(v, ns.length === 0 ? position[v]! : ns.reduce((s, w) => s + position[w]!, 0) / ns.length);
      }
      row.sort((a, b) => key.get(a)! - key.get(b)! || position[a]! - position[b]!);
      row.forEach((v, i) => (position[v] = i));
    }
  };
  let best = layers.map((row) => [...row]);
  let bestCrossings = crossingsOf();
  const sweeps = opts.sweeps ?? 8;
  for (let s = 0; s < sweeps && bestCrossings > 0; s++) {
    sweep(s % 2 === 0);
    const c = crossingsOf();
    if (c < bestCrossings) {
      bestCrossings = c;
      best = layers.map((row) => [...row]);
    }
  }
  best.forEach((row, l) => (layers[l] = row));
  renumber();

  // A layer taller than maxRows (hundreds of roots, or unconnected nodes) wraps into several
  // sub-columns, so a selection never becomes one endless column.
  const maxRows = opts.maxRows ?? Math.max(24, Math.ceil(Math.sqrt(vLayer.length) * 2));
  const colWidth = opts.nodeWidth + 24;
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
  };
}
