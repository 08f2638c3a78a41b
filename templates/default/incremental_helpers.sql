{#- Helpers the incremental strategy macros call (dbt-adapters column_helpers / merge): quoting,
    equality and the columns a merge updates. -#}

{% macro get_quoted_csv(column_names) -%}
  {%- set quoted = [] -%}
  {%- for col in column_names -%}
    {%- do quoted.append(adapter.quote(col)) -%}
  {%- endfor -%}
  {{ return(quoted | join(', ')) }}
{%- endmacro %}

{#- dbt's equals(): plain `=` (the truthy-nulls behaviour flag is off by default). -#}
{% macro equals(expr1, expr2) -%}
({{ expr1 }} = {{ expr2 }})
{%- endmacro %}

{% macro get_merge_update_columns(merge_update_columns, merge_exclude_columns, dest_columns) -%}
  {{ return(adapter.dispatch('get_merge_update_columns', 'dbt')(merge_update_columns, merge_exclude_columns, dest_columns)) }}
{%- endmacro %}

{% macro default__get_merge_update_columns(merge_update_columns, merge_exclude_columns, dest_columns) -%}
  {%- set default_cols = dest_columns | map(attribute="quoted") | list -%}
  {%- if merge_update_columns and merge_exclude_columns -%}
    {{ exceptions.raise_compiler_error('Model cannot specify merge_update_columns and merge_exclude_columns. Please update model to use only one config') }}
  {%- elif merge_update_columns -%}
    {%- set update_columns = merge_update_columns -%}
  {%- elif merge_exclude_columns -%}
    {%- set update_columns = [] -%}
    {%- set excluded = merge_exclude_columns | map("lower") | list -%}
    {%- for column in dest_columns -%}
      {%- if column.column | lower not in excluded -%}
        {%- do update_columns.append(column.quoted) -%}
      {%- endif -%}
    {%- endfor -%}
  {%- else -%}
    {%- set update_columns = default_cols -%}
  {%- endif -%}
  {{ return(update_columns) }}
{%- endmacro %}
