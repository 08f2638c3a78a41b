{{ config(materialized='table') }}
-- Columns that must be quoted: a space, a reserved word, mixed case (the seed quotes its columns).
select
    id,
    {{ adapter.quote('first name') }} as first_name,
    {{ adapter.quote('group') }} as grp,
    {{ adapter.quote('Amount') }} as amount
from {{ ref('odd_names') }}
