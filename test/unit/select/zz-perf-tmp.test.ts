import { it } from 'vitest';
import { assertAcyclic, buildGraph, descendants, layers, topoOrder } from '../../../src/graph/index.js';
import { manifest, model } from '../graph/factory.js';
import { selectNodes } from '../../../src/select/index.js';
it('perf', () => {
  const nodes = [];
  for (let i = 0; i < 10_000; i++) {
    const deps = i < 3 ? [] : [1, 2, 3].map((k) => `model.p.m${String((i * 7 + k * 13) % i).padStart(5, '0')}`);
    nodes.push(model(`m${String(i).padStart(5, '0')}`, { deps, tags: i % 10 === 0 ? ['t'] : [] }));
  }
  const big = manifest(...nodes);
  for (let rep = 0; rep < 3; rep++) {
    let t = performance.now();
    const lap = (label: string) => { const n = performance.now(); console.log(label, (n - t).toFixed(1)); t = n; };
    const g = buildGraph(big); lap('build');
    assertAcyclic(g, big); lap('cycle');
    topoOrder(g); lap('topo');
    layers(g); lap('layers');
    descendants(g, 'model.p.m00000'); lap('desc');
    selectNodes({ graph: g, manifest: big, projectName: 'p', select: ['+tag:t+'] }); lap('select');
    selectNodes({ graph: g, manifest: big, projectName: 'p', select: ['@m00500', 'path:models'], exclude: ['m00007+'] }); lap('select2');
  }
});
