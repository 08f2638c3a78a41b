/**
 * The dbt version tx reports in artifacts. tx mimics it (rather than writing its own
 * version) because readers such as dbt-artifacts-parser and dbt Cloud tooling key
 * behaviour on `dbt_version`, and their schemas forbid extra metadata keys.
 */
import { dbtTimestamp } from './timestamps.js';

export const DBT_VERSION = '1.10.0';

export const MANIFEST_SCHEMA = 'https://schemas.getdbt.com/dbt/manifest/v12.json';
export const RUN_RESULTS_SCHEMA = 'https://schemas.getdbt.com/dbt/run-results/v6.json';

/**
 * The metadata block of run_results, catalog and sources.json, in dbt's key order:
 * invocation_started_at only when known (dbt ≥1.9 writes it), env always empty (no DBT_ENV_CUSTOM_ENV_ values are copied).
 */
export function artifactMetadata(schema: string, at: { generatedAt: Date; invocationId: string; invocationStartedAt?: Date | undefined }): Record<string, unknown> {
  const metadata: Record<string, unknown> = { dbt_schema_version: schema, dbt_version: DBT_VERSION, generated_at: dbtTimestamp(at.generatedAt), invocation_id: at.invocationId };
  if (at.invocationStartedAt) metadata['invocation_started_at'] = dbtTimestamp(at.invocationStartedAt);
  metadata['env'] = {};
  return metadata;
}
