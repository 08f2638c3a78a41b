{% snapshot labels_snapshot %}
{#- Labels get revised (a churn call can flip once later events arrive): keep every version. -#}
{{
    config(
        unique_key=['user_id', 'label_timestamp'],
        strategy='check',
        check_cols=['churned'],
        schema='snapshots'
    )
}}
select user_id, label_timestamp, churned from {{ source('bronze', 'labels') }}
{% endsnapshot %}
