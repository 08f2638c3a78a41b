import { describe, expect, it } from 'vitest';
import { suggestSelection } from '../../../src/docs/browser/suggest.js';
import type { SiteNode } from '../../../src/docs/site-types.js';

function model(i: number, layer: string, dep: number[] = []): SiteNode {
  return { id: `model.p.m${i}`, t: 'model', n: `m${i}`, pkg: 'p', fqn: ['p', layer, `m${i}`], file: `models/${layer}/m${i}.sql`, dep };
}

function childrenOf(nodes: SiteNode[]): number[][] {
  const out = nodes.map((): number[] => []);
  nodes.forEach((n, i) => (n.dep ?? []).forEach((p) => out[p]!.push(i)));
  return out;
}

describe('suggested lineage selection', () => {
  // A hub (0) read by everything, a chain 1..6 in silver, gold 7 (read by gold 8 and 9) and gold 10 (read by nobody).
  const nodes: SiteNode[] = [model(0, 'bronze'), ...[1, 2, 3, 4, 5, 6].map((i) => model(i, 'silver', [i - 1, 0]))];
  nodes.push(model(7, 'gold', [6]), model(8, 'gold', [7]), model(9, 'gold', [7]), model(10, 'gold', [1]));
  const members = nodes.map((_, i) => i);

  it("draws the upstream of the most-referenced final model, not the busiest node", () => {
    const s = suggestSelection(nodes, members, childrenOf(nodes), 20)!;
    expect(s.select).toBe('+p.gold.m7');
    expect(s.size).toBe(8);
  });

  it('limits the depth to stay under the cap', () => {
    const s = suggestSelection(nodes, members, childrenOf(nodes), 4)!;
    expect(s.select).toMatch(/^\d\+p\.gold\.m\d+$/);
    expect(s.size).toBeLessThanOrEqual(4);
    expect(s.size).toBeGreaterThan(1);
  });

  it("prefers an exposure's upstream when the project declares exposures", () => {
    const withExposure = [...nodes, { id: 'exposure.p.dash', t: 'exposure', n: 'dash', pkg: 'p', fqn: ['p', 'dash'], file: 'models/x.yml', dep: [10] } satisfies SiteNode];
    const s = suggestSelection(withExposure, withExposure.map((_, i) => i), childrenOf(withExposure), 400)!;
    expect(s.select).toBe('+exposure:dash');
  });
});
