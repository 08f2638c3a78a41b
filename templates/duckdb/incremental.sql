{#- dbt-duckdb's incremental strategies: delete+insert is the default, microbatch replaces each batch's
    window, and DuckDB's ALTER takes one action per statement. -#}

{% macro duckdb__get_incremental_default_sql(arg_dict) -%}
  {{ return(get_incremental_delete_insert_sql(arg_dict)) }}
{%- endmacro %}

{% macro duckdb__get_delete_insert_merge_sql(target, source, unique_key, dest_columns, incremental_predicates) -%}
  {%- set dest_cols_csv = get_quoted_csv(dest_columns | map(attribute="name")) -%}
  {%- if unique_key -%}
    {%- if unique_key is sequence and unique_key is not string %}
delete from {{ target }} as DBT_INCREMENTAL_TARGET
using {{ source }}
where (
    {%- for key in unique_key %}
    {{ source }}.{{ key }} = DBT_INCREMENTAL_TARGET.{{ key }}{{ " and" if not loop.last }}
    {%- endfor %}
    {%- for predicate in (incremental_predicates or []) %}
    and {{ predicate }}
    {%- endfor %}
);
    {%- else %}
delete from {{ target }}
where (
    {{ unique_key }}) in (
    select ({{ unique_key }})
    from {{ source }}
)
    {%- for predicate in (incremental_predicates or []) %}
    and {{ predicate }}
    {%- endfor %};
    {%- endif %}
  {%- endif %}
insert into {{ target }} ({{ dest_cols_csv }})
(
    select {{ dest_cols_csv }}
    from {{ source }}
)
{%- endmacro %}

{% macro duckdb__get_incremental_microbatch_sql(arg_dict) -%}
  {{ return(delete_insert_microbatch_sql(arg_dict)) }}
{%- endmacro %}

{% macro duckdb__alter_relation_add_remove_columns(relation, add_columns, remove_columns) -%}
  {%- for column in (add_columns or []) %}
alter table {{ relation }} add column {{ column.quoted }} {{ column.data_type }};
  {%- endfor %}
  {%- for column in (remove_columns or []) %}
alter table {{ relation }} drop column {{ column.quoted }};
  {%- endfor %}
{%- endmacro %}

{% macro duckdb__alter_column_type(relation, column_name, new_column_type) -%}
alter table {{ relation }} alter column {{ adapter.quote(column_name) }} set data type {{ new_column_type }};
{%- endmacro %}
