select
    customer_id,
    name,
    country,
    signup_date,
    coalesce(vip, false) as vip
from {{ source('shop', 'customers') }}
