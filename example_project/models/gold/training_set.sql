-- Point-in-time correct training set: one row per label, joined to the latest feature row
-- whose day was complete before the label was observed. A feature row for day D aggregates
-- the whole of day D, so it may only be used for labels on D + 1 or later:
-- feature_date < label_date, strictly. Using <= would leak events from after the label.
with labels as (
    select label_id, user_id, label_timestamp, label_date, churned
    from {{ ref('stg_labels') }}
),

features as (
    select * from {{ ref('user_rolling_features') }}
),

candidates as (
    select
        labels.label_id,
        features.feature_date,
        row_number() over (
            partition by labels.label_id
            order by features.feature_date desc
        ) as recency_rank
    from labels
    inner join features
        on features.user_id = labels.user_id
        and features.feature_date < labels.label_date
),

latest as (
    select label_id, feature_date
    from candidates
    where recency_rank = 1
)

select
    labels.label_id,
    labels.user_id,
    labels.label_timestamp,
    labels.churned,
    latest.feature_date,
    {{ dbt.datediff('latest.feature_date', 'labels.label_date', 'day') }} as feature_age_days,
    {%- for w in var('spend_windows') %}
    coalesce(features.spend_last_{{ w }}d, 0) as spend_last_{{ w }}d,
    coalesce(features.events_last_{{ w }}d, 0) as events_last_{{ w }}d,
    {%- endfor %}
    features.avg_session_sec,
    features.active_days_to_date,
    latest.feature_date is null as is_cold_start,
    {{ dbt.current_timestamp() }} as built_at
from labels
left join latest
    on latest.label_id = labels.label_id
left join features
    on features.user_id = labels.user_id
    and features.feature_date = latest.feature_date
{%- if not var('keep_cold_start_labels') %}
where latest.feature_date is not null
{%- endif %}
