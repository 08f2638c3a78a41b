-- Rolling spend and activity per user and calendar day. The daily silver rows are spread over a
-- dense per-user date spine (from the user's first active day to the last day in the data), so
-- every row describes the trailing windows ending on, and including, its feature_date: the row
-- for day D is known once D is over, whatever day the user was last active.
with daily as (
    select
        user_id,
        event_date as feature_date,
        daily_events,
        daily_spend,
        avg_session_sec
    from {{ ref('user_features') }}
    where event_date >= cast('{{ var("feature_start_date") }}' as date)
),

bounds as (
    select
        user_id,
        min(feature_date) as first_date,
        (select max(feature_date) from daily) as last_date
    from daily
    group by user_id
),

-- Day offsets 1..spine_max_days (dbt.generate_series); the singular test
-- assert_spine_covers_every_day fails if the data ever spans more days than that.
{%- set day_offset = '(cast(day_offsets.generated_number as ' ~ dbt.type_int() ~ ') - 1)' %}
day_offsets as (
    {{ dbt.generate_series(var('spine_max_days')) }}
),

spine as (
    select
        bounds.user_id,
        cast({{ dbt.dateadd('day', day_offset, 'bounds.first_date') }} as date) as feature_date
    from bounds
    cross join day_offsets
    where {{ dbt.dateadd('day', day_offset, 'bounds.first_date') }} <= bounds.last_date
),

dense as (
    select
        spine.user_id,
        spine.feature_date,
        coalesce(daily.daily_events, 0) as daily_events,
        coalesce(daily.daily_spend, 0) as daily_spend,
        daily.avg_session_sec
    from spine
    left join daily
        on daily.user_id = spine.user_id
        and daily.feature_date = spine.feature_date
),

windowed as (
    select
        user_id,
        feature_date,
        daily_events,
        daily_spend,
        avg_session_sec,
        {%- for w in var('spend_windows') %}
        {{ rolling_sum('daily_spend', w) }} as spend_last_{{ w }}d,
        {{ rolling_sum('daily_events', w) }} as events_last_{{ w }}d,
        {%- endfor %}
        sum(case when daily_events > 0 then 1 else 0 end) over (
            partition by user_id
            order by feature_date
            rows between unbounded preceding and current row
        ) as active_days_to_date
    from dense
)

select
    user_id,
    feature_date,
    cast({{ dbt.date_trunc('week', 'feature_date') }} as date) as feature_week,
    daily_events,
    {{ round_money('daily_spend') }} as daily_spend,
    avg_session_sec,
    {%- for w in var('spend_windows') %}
    {{ round_money('spend_last_' ~ w ~ 'd') }} as spend_last_{{ w }}d,
    events_last_{{ w }}d,
    {{ safe_divide('spend_last_' ~ w ~ 'd', 'events_last_' ~ w ~ 'd') }} as spend_per_event_{{ w }}d,
    {%- endfor %}
    active_days_to_date
from windowed
