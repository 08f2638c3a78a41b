{{ config(
    incremental_strategy='insert_overwrite',
    partition_by=({'field': 'order_date', 'data_type': 'date', 'granularity': 'day'} if target.type == 'bigquery' else none),
    enabled=(target.type in ['bigquery', 'snowflake'])
) }}
-- Only where dbt has it: BigQuery replaces the partitions the new rows fall in, Snowflake the whole table.
select order_id, order_date, amount from {{ ref('stg_orders') }}
{% if is_incremental() %}where order_date >= cast('2025-01-01' as date){% endif %}
