select
    order_id,
    customer_id,
    order_ts,
    date(order_ts) as order_date,
    amount,
    status
from {{ source('shop', 'orders') }}
