{{ config(
    materialized='incremental',
    incremental_strategy='insert_overwrite',
    partition_by={'field': 'order_date', 'data_type': 'date', 'granularity': 'day'},
    static_analysis='off',
) }}
-- static_analysis off: tx's analyser reads the script variable _dbt_max_partition as a column.
-- Dynamic partitions: every day the new rows touch is replaced whole.
select order_date, count(*) as orders, sum(amount) as revenue
from {{ ref('stg_orders') }}
where status = 'paid'
{% if is_incremental() %}
  and order_date >= date_sub(date(_dbt_max_partition), interval 1 day)
{% endif %}
group by order_date
