{{ config(
    partition_by={'field': 'first_order_date', 'data_type': 'date'},
    cluster_by=['country', 'customer_id'],
    require_partition_filter=false,
    partition_expiration_days=400,
    kms_key_name='projects/p/locations/us/keyRings/r/cryptoKeys/k',
    labels={'contains_pii': 'no'},
) }}
select
    c.customer_id,
    c.country,
    min(o.order_date) as first_order_date,
    countif(o.status = 'paid') as paid_orders,
    sum(case when o.status = 'paid' then o.amount else 0 end) as revenue,
    safe_divide(sum(o.amount), count(o.order_id)) as avg_amount
from {{ ref('stg_customers') }} as c
join {{ ref('stg_orders') }} as o on o.customer_id = c.customer_id
group by 1, 2
