import { expect, it } from 'vitest';
import { buildGraph } from '../../../src/graph/index.js';
import { selectNodes } from '../../../src/select/index.js';
import { manifest, model, node } from '../graph/factory.js';

// Smoke only: selection over 10k nodes / 30k edges must finish; no timing assertion (flaky on CI).
it('selects over a 10k-node graph', () => {
  const members = [];
  for (let i = 0; i < 10_000; i++) {
    const deps = i < 3 ? [] : [1, 2, 3].map((k) => `model.p.m${String((i * 7 + k * 13) % i).padStart(5, '0')}`);
    members.push(model(`m${String(i).padStart(5, '0')}`, { deps, tags: i % 10 === 0 ? ['t'] : [] }));
    if (i % 5 === 0) members.push(node('test', `t${i}`, { deps: [`model.p.m${String(i).padStart(5, '0')}`] }));
  }
  const m = manifest(...members);
  const graph = buildGraph(m);
  const t0 = performance.now();
  const a = selectNodes({ graph, manifest: m, projectName: 'p', select: ['+tag:t+'] });
  const b = selectNodes({ graph, manifest: m, projectName: 'p', select: ['@m00500', 'path:models,config.materialized:view'], exclude: ['m00007+'] });
  const ms = performance.now() - t0;
  expect(a.size).toBeGreaterThan(1000);
  expect(b.size).toBeGreaterThan(0);
  console.log(`10k selection x2: ${ms.toFixed(1)} ms`);
});
