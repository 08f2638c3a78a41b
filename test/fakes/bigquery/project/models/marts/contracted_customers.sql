-- alias_types off: tx translates `string` to dbt-core's TEXT label, which BigQuery does not know
-- (dbt-bigquery keeps STRING); see the BigQuery notes in README.md.
{{ config(contract={'enforced': true, 'alias_types': false}) }}
select customer_id, name, vip from {{ ref('stg_customers') }}
