{#- dbt-postgres' snapshot macros: times without time zone, and update + insert instead of MERGE. -#}

{% macro postgres__snapshot_get_time() -%}
  {{ current_timestamp() }}::timestamp without time zone
{%- endmacro %}

{% macro postgres__snapshot_string_as_time(timestamp) -%}
  {{ return("'" ~ timestamp ~ "'::timestamp without time zone") }}
{%- endmacro %}

{% macro postgres__snapshot_merge_sql(target, source, insert_cols) -%}
  {{ return(update_insert_snapshot_merge_sql(target, source, insert_cols)) }}
{%- endmacro %}
