/**
 * The "Found 12 models, 2 seeds, 1 source, 3 macros" line (dbt's print_compile_stats).
 */
import { pluralize } from './format-line.js';

/** dbt's display names for resource types in the Found line. */
const NAMES: Record<string, string> = {
  model: 'model',
  test: 'data test',
  data_test: 'data test',
  unit_test: 'unit test',
  snapshot: 'snapshot',
  analysis: 'analysis',
  macro: 'macro',
  operation: 'operation',
  seed: 'seed',
  source: 'source',
  exposure: 'exposure',
  semantic_model: 'semantic model',
  metric: 'metric',
  group: 'group',
  saved_query: 'saved query',
};

/** Counts keep their insertion order (dbt's dict order); zero counts are left out. */
export function formatFoundLine(counts: Record<string, number>): string {
  const parts: string[] = [];
  for (const [type, n] of Object.entries(counts)) {
    if (n > 0) parts.push(pluralize(n, NAMES[type] ?? type.replace(/_/g, ' ')));
  }
  return `Found ${parts.join(', ')}`;
}

/**
 * Counts in dbt's order: node types in the order dbt's parsers first meet them (models,
 * snapshots, analyses, singular tests, seeds, hooks, then generic tests from YAML),
 * then sources, exposures, metrics, macros, groups, semantic models, unit tests.
 */
