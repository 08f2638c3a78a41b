{#- dbt-duckdb's snapshot overrides: update + insert instead of MERGE, and its time helpers. Unlike
    dbt-duckdb's own version, the meta column names and dbt_valid_to_current are honoured. -#}

{% macro duckdb__snapshot_get_time() -%}
  {{ current_timestamp() }}::timestamp
{%- endmacro %}

{% macro duckdb__snapshot_string_as_time(timestamp) -%}
  {{ return("'" ~ timestamp ~ "'::timestamp") }}
{%- endmacro %}

{% macro duckdb__snapshot_merge_sql(target, source, insert_cols) -%}
  {{ return(update_insert_snapshot_merge_sql(target, source, insert_cols)) }}
{%- endmacro %}
