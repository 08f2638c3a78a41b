/**
 * The selection the lineage view offers (and draws) when a project is too big to draw whole:
 * the upstream of what the project delivers. An exposure's upstream when there is one (what a
 * dashboard or ML model is built from), else the upstream of the most-referenced model of the
 * last layer (gold, marts, …, or a model nothing else reads), limited by depth to stay under the
 * cap. Pure.
 */
import type { SiteNode } from '../site-types.js';
import { layerOf } from './colors.js';
import { nodeSelector } from './store.js';

/** Folder names that hold a project's final models. */
const FINAL_LAYERS: ReadonlySet<string> = new Set(['gold', 'marts', 'mart', 'final', 'reporting', 'presentation', 'analytics', 'exposures']);

export interface Suggestion {
  select: string;
  /** Nodes it draws. */
  size: number;
  node: number;
}

/** Ancestors by depth (the node itself at depth 0), stopping at `cap` nodes: [count within depth d for each d]. */
function upstreamCounts(start: number, parents: readonly (readonly number[])[], isMember: (i: number) => boolean, cap: number): number[] {
  const seen = new Set([start]);
  let frontier = [start];
  const counts = [1];
  while (frontier.length > 0) {
    const next: number[] = [];
    for (const v of frontier) for (const p of parents[v] ?? []) {
      if (!isMember(p) || seen.has(p)) continue;
      seen.add(p);
      next.push(p);
    }
    if (next.length === 0) break;
    counts.push(seen.size);
    // Once past the cap, deeper levels cannot be used.
    if (seen.size > cap) break;
    frontier = next;
  }
  return counts;
}

export function suggestSelection(nodes: readonly SiteNode[], members: readonly number[], children: readonly (readonly number[])[], cap = 400): Suggestion | undefined {
  const memberSet = new Set(members);
  const parents = nodes.map((n) => n.dep ?? []);
  const readers = (i: number): number => (children[i] ?? []).filter((c) => memberSet.has(c)).length;
  const exposures = members.filter((i) => nodes[i]!.t === 'exposure' && !nodes[i]!.hidden);
  const models = members.filter((i) => nodes[i]!.t === 'model' && !nodes[i]!.hidden);
  const final = models.filter((i) => FINAL_LAYERS.has((layerOf(nodes[i]!) ?? '').toLowerCase()));
  const leaves = models.filter((i) => readers(i) === 0 && (nodes[i]!.dep?.length ?? 0) > 0);
  const pool = exposures.length > 0 ? exposures : final.length > 0 ? final : leaves.length > 0 ? leaves : models;
  if (pool.length === 0) return undefined;
  // The most-referenced first; only the top few pay for an upstream walk.
  const ranked = [...pool].sort((a, b) => readers(b) - readers(a) || (nodes[b]!.dep?.length ?? 0) - (nodes[a]!.dep?.length ?? 0) || a - b).slice(0, 12);
  let best: Suggestion | undefined;
  for (const i of ranked) {
    const counts = upstreamCounts(i, parents, (p) => memberSet.has(p), cap);
    // The deepest level whose upstream stays under the cap.
    let depth = counts.length - 1;
    while (depth > 0 && counts[depth]! > cap) depth--;
    const whole = depth === counts.length - 1;
    const size = counts[depth]!;
    const sel = nodeSelector(nodes[i]!);
    const s: Suggestion = { select: whole ? `+${sel}` : `${depth}+${sel}`, size, node: i };
    // The most-referenced candidate whose upstream is substantial; failing that, the one that shows the most.
    if (best === undefined || (size > best.size && size > 1)) best = s;
    if (readers(i) > 0 && size >= Math.min(cap / 4, 40)) return s;
  }
  return best;
}
