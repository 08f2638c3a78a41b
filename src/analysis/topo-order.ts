/**
 * Parents before children among the analysed nodes (Kahn's algorithm over ids in sorted order, so
 * the order and therefore the diagnostics are deterministic). A cycle cannot reach here (the graph phase
 * rejects it); any leftover node is appended in id order all the same.
 */
import type { Manifest } from '../parse/manifest-types.js';

export function topoOrder(manifest: Manifest, unsorted: readonly string[]): string[] {
  const ids = [...unsorted].sort();
  const set = new Set(ids);
  const indegree = new Map<string, number>();
  const children = new Map<string, string[]>();
  for (const id of ids) {
    const deps = [...new Set(manifest.nodes[id]?.depends_on.nodes ?? [])].filter((d) => set.has(d) && d !== id);
    indegree.set(id, deps.length);
    for (const d of deps) {
      const list = children.get(d);
      if (list) list.push(id);
      else children.set(d, [id]);
    }
  }
  const out = ids.filter((id) => indegree.get(id) === 0);
  for (let i = 0; i < out.length; i++) {
    const id = out[i]!;
    for (const c of children.get(id) ?? []) {
      const n = indegree.get(c)! - 1;
      indegree.set(c, n);
      if (n === 0) out.push(c);
    }
  }
  if (out.length < ids.length) {
    const done = new Set(out);
    out.push(...ids.filter((id) => !done.has(id)));
  }
  return out;
}
