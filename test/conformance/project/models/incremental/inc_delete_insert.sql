{{ config(incremental_strategy='delete+insert', unique_key='order_id', enabled=(target.type != 'bigquery')) }}
-- Not on BigQuery: dbt-bigquery has no delete+insert strategy.
select order_id, customer_id, amount from {{ ref('stg_orders') }}
