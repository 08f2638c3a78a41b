{{ config(incremental_strategy='merge', unique_key='order_id', on_schema_change='ignore') }}
select order_id, amount, status{% if var('phase') >= 2 %}, order_date as shipped_on{% endif %} from {{ ref('stg_orders') }}
