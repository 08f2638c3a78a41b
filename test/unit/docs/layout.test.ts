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
