{{ config(incremental_strategy='merge', unique_key='order_id', on_schema_change='fail') }}
select order_id, amount, {% if var('phase') >= 2 %}order_date as shipped_on{% else %}status{% endif %} from {{ ref('stg_orders') }}
