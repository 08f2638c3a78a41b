{{ config(materialized='table') }}
select order_id, customer_id, amount, order_date from {{ ref('stg_orders') }}
{%- if var('break_contract') %}
union all
select cast(null as {{ dbt.type_int() }}), 1, cast(1 as decimal(10,2)), cast('2024-01-01' as date)
{%- endif %}
