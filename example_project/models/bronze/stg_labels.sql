-- Typed view over the label source with a stable key per (user, label time).
select
    {{ dbt.hash("cast(user_id as " ~ dbt.type_string() ~ ") || '|' || cast(label_timestamp as " ~ dbt.type_string() ~ ")") }} as label_id,
    cast(user_id as integer) as user_id,
    cast(label_timestamp as timestamp) as label_timestamp,
    cast(label_timestamp as date) as label_date,
    cast(churned as integer) as churned
from {{ source('bronze', 'labels') }}
where user_id is not null
