/**
 * Parents before children among the analysed nodes (Kahn's algorithm over ids in sorted order, so
 * the order and therefore the diagnostics are deterministic). A cycle cannot reach here (the graph phase
 * rejects it); any leftover node is appended in id order all the same. Indexed (typed arrays, no
 * per-node sets): it runs over every test and model of the project.
 */
import type { Manifest } from '../parse/manifest-types.js';

export function topoOrder(manifest: Manifest, unsorted: readonly string[]): string[] {
  const ids = [...new Set(unsorted)].sort();
  const n = ids.length;
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) index.set(ids[i]!, i);
  const indegree = new Int32Array(n);
  const children: (number[] | undefined)[] = new Array<number[] | undefined>(n);
  for (let i = 0; i < n; i++) {
    const deps = manifest.nodes[ids[i]!]?.depends_on.nodes;
    if (!deps) continue;
    for (let k = 0; k < deps.length; k++) {
      const d = index.get(deps[k]!);
      // Itself, a node not analysed, or a duplicate entry: no edge.
      if (d === undefined || d === i || deps.indexOf(deps[k]!) < k) continue;
      indegree[i]!++;
      (children[d] ??= []).push(i);
    }
  }
  const order: number[] = [];
  for (let i = 0; i < n; i++) if (indegree[i] === 0) order.push(i);
  for (let q = 0; q < order.length; q++) {
    for (const c of children[order[q]!] ?? []) if (--indegree[c]! === 0) order.push(c);
  }
  const out = order.map((i) => ids[i]!);
  if (out.length < n) {
    const done = new Set(out);
    out.push(...ids.filter((id) => !done.has(id)));
  }
  return out;
}
