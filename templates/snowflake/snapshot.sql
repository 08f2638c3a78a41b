{#- dbt-snowflake's snapshot macros: times without time zone, and the default MERGE (Snowflake has
    one) reading the staging table beside the snapshot. -#}

{% macro snowflake__snapshot_get_time() -%}
  to_timestamp_ntz({{ current_timestamp() }})
{%- endmacro %}

{% macro snowflake__snapshot_string_as_time(timestamp) -%}
  {{ return("to_timestamp_ntz('" ~ timestamp ~ "')") }}
{%- endmacro %}

{% macro snowflake__snapshot_merge_sql(target, source, insert_cols) -%}
  {{ return(default__snapshot_merge_sql(target, snowflake__qualify_temp(source), insert_cols)) }}
{%- endmacro %}
