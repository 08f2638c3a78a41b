{{ config(
    incremental_strategy='microbatch',
    event_time='order_date',
    batch_size='year',
    begin='2024-01-01',
    lookback=1,
    partition_by=({'field': 'order_date', 'data_type': 'date', 'granularity': 'year'} if target.type == 'bigquery' else none)
) }}
-- Yearly batches; stg_orders (event_time order_date) is read one batch window at a time. The ref
-- is not aliased here: on Postgres and DuckDB the filtered subquery carries dbt's alias.
select order_id, customer_id, order_date, amount from {{ ref('stg_orders') }}
