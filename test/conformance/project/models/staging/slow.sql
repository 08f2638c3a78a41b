{{ config(materialized='table', enabled=var('run_slow')) }}
-- Runs for half a minute or more: only Ctrl-C ends it (see macros/slow.sql).
{{ slow_select() }}
