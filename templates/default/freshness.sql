{#- dbt's source freshness macros (dbt-adapters macros/adapters/freshness.sql): one row of
    (max_loaded_at, snapshotted_at), the warehouse's own clock as the snapshot time. A project
    may override collect_freshness, or its dispatched <adapter>__ / default__ versions. -#}

{% macro collect_freshness(source, loaded_at_field, filter) -%}
  {{ return(adapter.dispatch('collect_freshness', 'dbt')(source, loaded_at_field, filter)) }}
{%- endmacro %}

{% macro default__collect_freshness(source, loaded_at_field, filter) -%}
  {% call statement('collect_freshness', fetch_result=True, auto_begin=False) -%}
    select
      max({{ loaded_at_field }}) as max_loaded_at,
      {{ current_timestamp() }} as snapshotted_at
    from {{ source }}
    {% if filter %}
    where {{ filter }}
    {% endif %}
  {%- endcall %}
  {{ return(load_result('collect_freshness')) }}
{%- endmacro %}

{#- dbt 1.10 loaded_at_query: the user's query returns the max loaded-at time. -#}
{% macro collect_freshness_custom_sql(source, loaded_at_query) -%}
  {{ return(adapter.dispatch('collect_freshness_custom_sql', 'dbt')(source, loaded_at_query)) }}
{%- endmacro %}

{% macro default__collect_freshness_custom_sql(source, loaded_at_query) -%}
  {% call statement('collect_freshness_custom_sql', fetch_result=True, auto_begin=False) -%}
    with source_query as (
      {{ loaded_at_query }}
    )
    select
      (select * from source_query) as max_loaded_at,
      {{ current_timestamp() }} as snapshotted_at
  {%- endcall %}
  {{ return(load_result('collect_freshness_custom_sql')) }}
{%- endmacro %}
