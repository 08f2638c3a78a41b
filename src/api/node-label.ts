import type { ManifestNode, UnitTestNode } from '../parse/manifest-types.js';
import type { NodeLabel } from '../events/events.js';

/** "sql table model" / "seed file" / "test" and "schema.alias", as dbt's log lines show a node. */
export function nodeLabel(node: ManifestNode | UnitTestNode): NodeLabel {
  if (node.resource_type === 'unit_test') {
    // dbt shows a unit test as `<model>::<test>`, a versioned model's as `<model>::<test>_v<N>`.
    const name = `${node.model}::${node.name}${node.version === null ? '' : `_v${String(node.version)}`}`;
    return { unique_id: node.unique_id, resource_type: 'unit_test', name, original_file_path: node.original_file_path, description: 'unit_test', display_name: name };
  }
  const base = { unique_id: node.unique_id, resource_type: node.resource_type, name: node.name, original_file_path: node.original_file_path };
  if (node.resource_type === 'test') return { ...base, description: 'test', display_name: node.name };
  // dbt: "START snapshot main.orders_snapshot" (a snapshot's line names no language).
  const description = node.resource_type === 'seed' ? 'seed file' : node.resource_type === 'snapshot' ? 'snapshot' : `sql ${node.config.materialized} ${node.resource_type}`;
  return { ...base, description, display_name: `${node.schema}.${node.alias}`, materialized: node.config.materialized };
}
