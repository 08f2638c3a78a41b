{% snapshot customers_snapshot %}
{{ config(unique_key='customer_id', strategy='check', check_cols=['country', 'vip'], target_schema=target.dataset ~ '_snapshots') }}
select customer_id, name, country, vip from {{ ref('stg_customers') }}
{% endsnapshot %}
