import type { ManifestNode } from '../parse/manifest-types.js';
import type { NodeLabel } from '../events/events.js';

/** "sql table model" / "seed file" / "test" and "schema.alias", as dbt's log lines show a node. */
export function nodeLabel(node: ManifestNode): NodeLabel {
  const base = { unique_id: node.unique_id, resource_type: node.resource_type, name: node.name, original_file_path: node.original_file_path };
  if (node.resource_type === 'test') return { ...base, description: 'test', display_name: node.name };
  const description = node.resource_type === 'seed' ? 'seed file' : `sql ${node.config.materialized} ${node.resource_type}`;
  return { ...base, description, display_name: `${node.schema}.${node.alias}`, materialized: node.config.materialized };
}
