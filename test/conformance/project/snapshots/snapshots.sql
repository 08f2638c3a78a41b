{% snapshot snap_ts %}
{{ config(unique_key='id', strategy='timestamp', updated_at='updated_at', hard_deletes='invalidate') }}
select id, name, country, updated_at from {{ ref('stg_customer_changes') }}
{% endsnapshot %}

{% snapshot snap_check %}
{{ config(unique_key='id', strategy='check', check_cols=['country'], hard_deletes='new_record') }}
select id, name, country from {{ ref('stg_customer_changes') }}
{% endsnapshot %}
