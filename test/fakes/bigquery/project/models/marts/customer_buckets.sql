{{ config(partition_by={'field': 'customer_id', 'data_type': 'int64', 'range': {'start': 0, 'end': 100, 'interval': 10}}, hours_to_expiration=48) }}
select customer_id, count(*) as orders
from {{ ref('stg_orders') }}
group by customer_id
