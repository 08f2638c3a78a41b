{{ config(materialized='table') }}
select
    c.customer_id,
    c.name,
    count(o.order_id) as orders,
    sum(o.amount) as revenue
from {{ ref('stg_customers') }} as c
join {{ ref('stg_orders') }} as o on o.customer_id = c.customer_id
group by c.customer_id, c.name
