-- Singular test: fails on any training row whose features are not strictly older than its label.
select
    label_id,
    label_timestamp,
    feature_date
from {{ ref('training_set') }}
where feature_date is not null
  and feature_date >= cast(label_timestamp as date)
