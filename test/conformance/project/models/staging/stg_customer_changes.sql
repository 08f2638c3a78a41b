{{ config(materialized='view') }}
-- Phase 2: bob moves (with a new updated_at), cy is deleted, dee arrives: what the snapshots record.
select
    id,
    name,
    case when {{ var('phase') }} >= 2 and id = 2 then 'DK' else country end as country,
    case when {{ var('phase') }} >= 2 and id = 2 then cast('2024-02-01 00:00:00' as timestamp) else updated_at end as updated_at
from {{ ref('customers') }}
where not ({{ var('phase') }} >= 2 and id = 3)
{%- if var('phase') >= 2 %}
union all
select 4, 'dee', 'IS', cast('2024-02-01 00:00:00' as timestamp)
{%- endif %}
