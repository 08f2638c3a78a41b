import { describe, expect, it } from 'vitest';
import { layeredLayout, placeWithGap } from '../../../src/docs/browser/layout.js';

const opts = { layerGap: 200, rowGap: 40, nodeWidth: 150 };

/** Crossings between edges whose endpoints sit in adjacent layers, from the final positions. */
function crossings(pos: { x: number; y: number }[], edges: [number, number][]): number {
  let c = 0;
  for (let i = 0; i < edges.length; i++) {
    for (let j = i + 1; j < edges.length; j++) {
      const [a, b] = edges[i]!;
      const [c2, d] = edges[j]!;
      if (pos[a]!.x !== pos[c2]!.x || pos[b]!.x !== pos[d]!.x) continue;
      if ((pos[a]!.y - pos[c2]!.y) * (pos[b]!.y - pos[d]!.y) < 0) c++;
    }
  }
  return c;
}

describe('layeredLayout', () => {
  it('puts every edge left to right, by longest path', () => {
    // 0 → 1 → 2, 0 → 2: node 2 is two layers after 0.
    const r = layeredLayout(3, [[0, 1], [1, 2], [0, 2]], opts);
    expect(r.layer).toEqual([0, 1, 2]);
    expect(r.pos.map((p) => p.x)).toEqual([0, 200, 400]);
    // The long edge bends through a dummy point in the middle layer.
    expect(r.edges[2]!.length).toBe(3);
    expect(r.edges[0]![0]).toEqual({ x: 75, y: r.pos[0]!.y });
  });

  it('pulls a root next to its first reader', () => {
    // 0 → 1 → 2 → 3, and a root 4 → 3: 4 belongs in layer 2, not 0.
    const r = layeredLayout(5, [[0, 1], [1, 2], [2, 3], [4, 3]], opts);
    expect(r.layer[4]).toBe(2);
  });

  it('keeps pinned roots (sources, seeds) in the first layer', () => {
    const r = layeredLayout(5, [[0, 1], [1, 2], [2, 3], [4, 3]], { ...opts, pinned: [true, false, false, false, true] });
    expect(r.layer[4]).toBe(0);
    expect(r.pos[4]!.x).toBe(0);
  });

  it('reduces crossings on a random DAG, well below index order and barycentre sweeps alone', () => {
    // A deterministic pseudo-random DAG like the bench project's: 6 layers of 30, each node reading 1-3 of the previous layers.
    let seed = 7;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const edges: [number, number][] = [];
    for (let v = 30; v < 180; v++) {
      const layer = Math.floor(v / 30);
      for (let k = 0; k < 1 + Math.floor(rand() * 3); k++) edges.push([Math.floor(rand() * layer * 30), v]);
    }
    const unique = [...new Map(edges.map((e) => [e.join(), e])).values()];
    const full = layeredLayout(180, unique, opts);
    const adjacent = unique.filter(([a, b]) => full.layer[b]! - full.layer[a]! === 1);
    // In index order, the same adjacent-layer edges cross more than twice as often.
    const naive = crossings(full.pos.map((p, i) => ({ x: p.x, y: i })), adjacent);
    expect(crossings(full.pos, adjacent)).toBeLessThan(naive / 2);
    // Barycentre sweeps alone (tx before sifting) left 2,184 crossings here.
    expect(full.crossings).toBeLessThan(1900);
  });

  it('removes the crossing of a crossed pair', () => {
    // Roots 0,1; children 2,3; 0→3 and 1→2 cross in index order.
    const edges: [number, number][] = [[0, 3], [1, 2]];
    const r = layeredLayout(4, edges, opts);
    expect(r.crossings).toBe(0);
    expect(crossings(r.pos, edges)).toBe(0);
  });

  it('keeps nodes of a layer at least a row apart', () => {
    const edges: [number, number][] = [];
    for (let i = 1; i < 30; i++) edges.push([0, i], [i, 30 + (i % 5)]);
    const r = layeredLayout(35, edges, opts);
    const byX = new Map<number, number[]>();
    r.pos.forEach((p) => byX.set(p.x, [...(byX.get(p.x) ?? []), p.y]));
    for (const ys of byX.values()) {
      ys.sort((a, b) => a - b);
      for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(40 - 1e-6);
    }
  });

  it('wraps a very tall layer into sub-columns', () => {
    const r = layeredLayout(100, [], { ...opts, maxRows: 25 });
    expect(new Set(r.pos.map((p) => p.x)).size).toBe(4);
    expect(Math.max(...r.pos.map((p) => p.y))).toBe(24 * 40);
  });

  it('wraps tall layers to match the canvas shape when given an aspect', () => {
    // 200 unconnected nodes: a wide canvas gets few rows and many sub-columns, a tall one the reverse.
    const wide = layeredLayout(200, [], { ...opts, aspect: 3 });
    const tall = layeredLayout(200, [], { ...opts, aspect: 0.3 });
    const columns = (r: typeof wide): number => new Set(r.pos.map((p) => p.x)).size;
    expect(columns(wide)).toBeGreaterThan(columns(tall));
    // The chosen shape is close to the canvas': width / height within a factor of 2 of the aspect.
    for (const [r, aspect] of [[wide, 3], [tall, 0.3]] as const) {
      const ratio = r.width / (r.height + opts.rowGap);
      expect(ratio / aspect).toBeGreaterThan(0.5);
      expect(ratio / aspect).toBeLessThan(2);
    }
  });

  it('does not wrap a layer that fits the canvas', () => {
    // Three layers of 12: no sub-columns, whatever the aspect.
    const edges: [number, number][] = [];
    for (let i = 0; i < 12; i++) edges.push([i, 12 + i], [12 + i, 24 + i]);
    const r = layeredLayout(36, edges, { ...opts, aspect: 1.5 });
    expect(new Set(r.pos.map((p) => p.x)).size).toBe(3);
  });

  it('is deterministic', () => {
    const edges: [number, number][] = [[0, 2], [1, 2], [2, 3], [1, 4], [4, 5], [0, 5]];
    expect(layeredLayout(6, edges, opts)).toEqual(layeredLayout(6, edges, opts));
  });

  it('does not hang on a cycle', () => {
    const r = layeredLayout(3, [[0, 1], [1, 2], [2, 0]], opts);
    expect(r.pos).toHaveLength(3);
  });
});

describe('placeWithGap', () => {
  it('keeps desired positions that already have room', () => {
    expect(placeWithGap([0, 50, 100], 40)).toEqual([0, 50, 100]);
  });

  it('spreads crowded positions around their mean', () => {
    expect(placeWithGap([10, 10, 10], 40)).toEqual([-30, 10, 50]);
  });
});
