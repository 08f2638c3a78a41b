-- Feature distribution by class, to eyeball separability before training.
-- Compiled by `tx compile` (target/compiled/tx_example/analyses/), never run by `tx run`.
select
    churned,
    count(*) as labels,
    avg(case when is_cold_start then 1.0 else 0.0 end) as cold_start_share,
    {%- for w in var('spend_windows') %}
    avg(spend_last_{{ w }}d) as mean_spend_last_{{ w }}d,
    {{ median('spend_last_' ~ w ~ 'd') }} as median_spend_last_{{ w }}d,
    avg(events_last_{{ w }}d) as mean_events_last_{{ w }}d,
    {%- endfor %}
    avg(feature_age_days) as mean_feature_age_days
from {{ ref('training_set') }}
group by churned
order by churned
