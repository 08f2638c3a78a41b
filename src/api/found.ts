import type { ParsedProject } from './session.js';

/** Counts for dbt's "Found 3 models, 1 seed, 1 source, 450 macros" line. */
export function foundCounts(p: ParsedProject): Record<string, number> {
  const counts: Record<string, number> = {};
  const bump = (k: string) => (counts[k] = (counts[k] ?? 0) + 1);
  for (const n of Object.values(p.manifest.nodes)) bump(n.resource_type === 'test' ? 'data_test' : n.resource_type);
  for (const _ of Object.values(p.manifest.sources)) bump('source');
  counts['macro'] = Object.keys(p.manifest.macros).length;
  return counts;
}
