{#- on_schema_change DDL (dbt-adapters materializations/models/incremental/column_helpers.sql). The
    diff itself is computed in src/materialize/incremental-columns.ts; these render the statements. -#}

{% macro alter_relation_add_remove_columns(relation, add_columns=none, remove_columns=none) -%}
  {{ return(adapter.dispatch('alter_relation_add_remove_columns', 'dbt')(relation, add_columns, remove_columns)) }}
{%- endmacro %}

{% macro default__alter_relation_add_remove_columns(relation, add_columns, remove_columns) -%}
  {%- if add_columns is none -%}{%- set add_columns = [] -%}{%- endif -%}
  {%- if remove_columns is none -%}{%- set remove_columns = [] -%}{%- endif -%}
alter {{ relation.type or 'table' }} {{ relation }}
  {%- for column in add_columns %}
    add column {{ column.quoted }} {{ column.expanded_data_type }}{{ ',' if not loop.last }}
  {%- endfor %}{{ ',' if add_columns and remove_columns }}
  {%- for column in remove_columns %}
    drop column {{ column.quoted }}{{ ',' if not loop.last }}
  {%- endfor %};
{%- endmacro %}

{% macro alter_column_type(relation, column_name, new_column_type) -%}
  {{ return(adapter.dispatch('alter_column_type', 'dbt')(relation, column_name, new_column_type)) }}
{%- endmacro %}

{#- Add a column of the new type, copy, drop the old one, rename: works where ALTER TYPE does not. -#}
{% macro default__alter_column_type(relation, column_name, new_column_type) -%}
  {%- set tmp_column = column_name ~ "__dbt_alter" -%}
alter table {{ relation }} add column {{ adapter.quote(tmp_column) }} {{ new_column_type }};
update {{ relation }} set {{ adapter.quote(tmp_column) }} = {{ adapter.quote(column_name) }};
alter table {{ relation }} drop column {{ adapter.quote(column_name) }} cascade;
alter table {{ relation }} rename column {{ adapter.quote(tmp_column) }} to {{ adapter.quote(column_name) }};
{%- endmacro %}
