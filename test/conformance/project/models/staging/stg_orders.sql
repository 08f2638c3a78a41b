{{ config(materialized='view', event_time='order_date') }}
-- Phase 2: order 2's amount changes and order 5 arrives (in 2025).
select
    order_id,
    customer_id,
    order_date,
    {% if var('phase') >= 2 %}case when order_id = 2 then cast(25 as decimal(10,2)) else amount end{% else %}amount{% endif %} as amount,
    status
from {{ ref('orders') }}
{%- if var('phase') >= 2 %}
union all
select 5, 2, cast('2025-02-02' as date), cast(8 as decimal(10,2)), 'paid'
{%- endif %}
