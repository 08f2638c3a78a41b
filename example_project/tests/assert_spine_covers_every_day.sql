-- Singular test: gold/user_rolling_features spreads each user over at most var('spine_max_days')
-- days (dbt.generate_series needs a bound when the project is compiled); fails on any user whose
-- days in the feature window span more than that, so no day is ever silently left out.
with daily as (
    select user_id, event_date
    from {{ ref('user_features') }}
    where event_date >= cast('{{ var("feature_start_date") }}' as date)
),

bounds as (
    select user_id, min(event_date) as first_date, (select max(event_date) from daily) as last_date
    from daily
    group by user_id
)

select user_id, first_date, last_date
from bounds
where {{ dbt.datediff('first_date', 'last_date', 'day') }} + 1 > {{ var('spine_max_days') }}
