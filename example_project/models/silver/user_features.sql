{{ config(materialized='table', schema='silver') }}
with raw as (select * from {{ source('bronze', 'user_events') }} where event_date >= '2026-01-01'),
cleaned as (select user_id, cast(event_timestamp as date) as event_date, count(*) as daily_events,
            sum(purchase_amount) as daily_spend, avg(session_duration_seconds) as avg_session_sec
            from raw where user_id is not null and purchase_amount >= 0 group by 1, 2)
select * from cleaned
