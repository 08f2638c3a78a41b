import type { ManifestNode } from '../parse/manifest-types.js';
import type { NodeLabel } from '../events/events.js';

/** "sql table model" / "seed file" and "schema.alias", as dbt's log lines show a node. */
export function nodeLabel(node: ManifestNode): NodeLabel {
  const description = node.resource_type === 'seed' ? 'seed file' : `sql ${node.config.materialized} ${node.resource_type}`;
  return { unique_id: node.unique_id, resource_type: node.resource_type, description, display_name: `${node.schema}.${node.alias}` };
}
