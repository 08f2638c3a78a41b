{{ config(schema='silver') }}
-- Per-user lifetime activity from the deduplicated events (all history, before and after
-- feature_start_date), including refunds, which user_features leaves out.
with events as (
    select * from {{ ref('stg_user_events') }}
    where user_id is not null
)
select
    user_id,
    min(event_timestamp) as first_seen_at,
    max(event_timestamp) as last_seen_at,
    cast({{ dbt.date_trunc('month', 'min(event_timestamp)') }} as date) as cohort_month,
    count(*) as total_events,
    count(case when event_type = 'purchase' and purchase_amount > 0 then 1 end) as purchases,
    count(case when purchase_amount < 0 then 1 end) as refunds,
    {{ round_money('sum(case when purchase_amount > 0 then purchase_amount else 0 end)') }} as gross_spend,
    {{ safe_divide('count(case when purchase_amount < 0 then 1 end)', "count(case when event_type = 'purchase' then 1 end)") }} as refund_rate
from events
group by user_id
