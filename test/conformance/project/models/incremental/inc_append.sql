{{ config(incremental_strategy='append', enabled=(target.type != 'bigquery' or var('bq_try_append'))) }}
-- Not on BigQuery: dbt-bigquery has no append strategy (tried with bq_try_append, refused).
select order_id, amount from {{ ref('stg_orders') }}
{% if is_incremental() %}where order_id > (select max(order_id) from {{ this }}){% endif %}
