/**
 * Which compiled nodes analysis reads, and the per-node `static_analysis` config (as dbt Fusion's:
 * `on` or `off`, set in config(), YAML or dbt_project.yml) for SQL the parser cannot handle.
 */
import type { ManifestNode } from '../parse/manifest-types.js';
import type { Finding } from './shape.js';
import { TxCodes } from '../errors/tx-error.js';

export type StaticAnalysisMode = 'on' | 'off';

/** The node's mode, or a finding when the value is not one tx knows. */
export function staticAnalysisMode(node: ManifestNode): StaticAnalysisMode | Finding {
  const v = node.config['static_analysis'];
  if (v === undefined || v === null || v === true || v === 'on' || v === 'strict' || v === 'baseline' || v === 'unsafe') return 'on';
  if (v === false || v === 'off') return 'off';
  return {
    code: TxCodes.StaticAnalysisConfig, severity: 'error', at: -1, needle: 'static_analysis',
    message: `static_analysis must be 'on' or 'off', not ${JSON.stringify(v)}`,
    hint: "use static_analysis='off' for SQL the parser cannot read",
  };
}

/** Resource types whose compiled SQL is analysed. */
export function isAnalysable(node: ManifestNode): boolean {
  return node.resource_type === 'model' || node.resource_type === 'test' || node.resource_type === 'snapshot' || node.resource_type === 'analysis';
}

/** The columns dbt adds to a snapshot, honouring snapshot_meta_column_names. */
export function snapshotMetaColumns(node: ManifestNode): { name: string; type: string }[] {
  const names = (node.config['snapshot_meta_column_names'] ?? {}) as Record<string, unknown>;
  const pick = (k: string, d: string): string => (typeof names[k] === 'string' && names[k] !== '' ? (names[k] as string) : d);
  const out = [
    { name: pick('dbt_scd_id', 'dbt_scd_id'), type: 'VARCHAR' },
    { name: pick('dbt_updated_at', 'dbt_updated_at'), type: 'TIMESTAMP' },
    { name: pick('dbt_valid_from', 'dbt_valid_from'), type: 'TIMESTAMP' },
    { name: pick('dbt_valid_to', 'dbt_valid_to'), type: 'TIMESTAMP' },
  ];
  if (node.config['hard_deletes'] === 'new_record') out.push({ name: pick('dbt_is_deleted', 'dbt_is_deleted'), type: 'VARCHAR' });
  return out;
}
