import type { Manifest } from '../parse/manifest-types.js';

/** Counts for dbt's "Found 3 models, 1 seed, 1 source, 450 macros" line, in dbt's parser order. */
export function foundCounts(manifest: Manifest): Record<string, number> {
  const byType = new Map<string, number>();
  let singular = 0;
  for (const n of Object.values(manifest.nodes)) {
    if (n.resource_type === 'test' && !n.config.enabled) continue;
    byType.set(n.resource_type, (byType.get(n.resource_type) ?? 0) + 1);
    if (n.resource_type === 'test' && !n.test_metadata) singular++;
  }
  const hooks = Object.keys(manifest.hooks ?? {}).length;
  if (hooks > 0) byType.set('operation', hooks);
  const order = singular > 0
    ? ['model', 'snapshot', 'analysis', 'test', 'seed', 'operation']
    : ['model', 'snapshot', 'analysis', 'seed', 'operation', 'test'];
  const counts: Record<string, number> = {};
  for (const t of order) if (byType.has(t)) counts[t] = byType.get(t) ?? 0;
  const units = Object.keys(manifest.unit_tests).length;
  if (units > 0) counts.unit_test = units;
  counts.source = Object.keys(manifest.sources).length;
  const exposures = Object.keys(manifest.exposures).length;
  if (exposures > 0) counts.exposure = exposures;
  counts.macro = Object.keys(manifest.macros).length;
  return counts;
}
