{{ config(materialized='ephemeral') }}
-- Deduplicated events: the export is at-least-once, so identical rows are the same event.
-- Ephemeral: inlined as a CTE into the models that ref it, never built in the warehouse.
select distinct
    event_id,
    user_id,
    event_timestamp,
    event_date,
    event_type,
    purchase_amount,
    session_duration_seconds
from {{ source('bronze', 'user_events') }}
