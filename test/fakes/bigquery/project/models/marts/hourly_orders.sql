{{ config(
    materialized='incremental',
    incremental_strategy='insert_overwrite',
    partition_by={'field': 'order_hour', 'data_type': 'timestamp', 'granularity': 'hour'},
    partitions=["timestamp('2024-01-03 10:00:00')", "timestamp('2024-01-03 23:00:00')"],
    copy_partitions=true,
    static_analysis='off',
) }}
-- static_analysis off: tx's analyser reads the date part `hour` of timestamp_trunc as a column.
-- Static partitions: only the listed hours are replaced.
select timestamp_trunc(order_ts, hour) as order_hour, count(*) as orders
from {{ ref('stg_orders') }}
{% if is_incremental() %}
where timestamp_trunc(order_ts, hour) in (timestamp('2024-01-03 10:00:00'), timestamp('2024-01-03 23:00:00'))
{% endif %}
group by 1
