/**
 * The dbt version tx reports in artifacts. tx mimics it (rather than writing its own
 * version) because readers such as dbt-artifacts-parser and dbt Cloud tooling key
 * behaviour on `dbt_version`, and their schemas forbid extra metadata keys.
 */
export const DBT_VERSION = '1.10.0';

export const MANIFEST_SCHEMA = 'https://schemas.getdbt.com/dbt/manifest/v12.json';
export const RUN_RESULTS_SCHEMA = 'https://schemas.getdbt.com/dbt/run-results/v6.json';
