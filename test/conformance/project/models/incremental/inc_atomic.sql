{{ config(incremental_strategy='merge', unique_key='order_id', on_schema_change='append_new_columns') }}
-- break_atomic: a new column to append, then an amount that cannot be stored: the run must fail
-- and leave the table exactly as it was (columns and rows), on every adapter.
{%- if var('break_atomic') %}
select order_id, cast('not a number' as {{ dbt.type_string() }}) as amount, 1 as extra from {{ ref('stg_orders') }}
{%- else %}
select order_id, amount from {{ ref('stg_orders') }}
{%- endif %}
