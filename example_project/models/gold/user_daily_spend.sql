-- Incremental: the first build takes every day; later runs re-merge the last 3 days already in the
-- table (events can arrive late) plus anything newer, by (user_id, event_date).
{{
    config(
        materialized='incremental',
        incremental_strategy='merge',
        unique_key=['user_id', 'event_date'],
        on_schema_change='append_new_columns'
    )
}}
select user_id, event_date, daily_events, daily_spend
from {{ ref('user_features') }}
{% if is_incremental() %}
where event_date >= (select {{ dbt.dateadd('day', -3, 'max(event_date)') }} from {{ this }})
{% endif %}
