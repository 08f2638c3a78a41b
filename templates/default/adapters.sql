{#- dbt's relation DDL macros. In tx they render SQL (plans execute it), rather than running statements. -#}

{% macro create_table_as(temporary, relation, compiled_code, language='sql') -%}
  {{ return(adapter.dispatch('create_table_as', 'dbt')(temporary, relation, compiled_code, language)) }}
{%- endmacro %}

{% macro default__create_table_as(temporary, relation, sql, language='sql') -%}
  {%- set sql_header = config.get('sql_header', none) if config is defined else none -%}
  {%- if sql_header %}{{ sql_header }}
{% endif -%}
create {% if temporary %}temporary {% endif %}table {{ relation.include(database=(not temporary), schema=(not temporary)) }} as (
{{ sql }}
);
{%- endmacro %}

{% macro get_create_table_as_sql(temporary, relation, sql) -%}
  {{ return(adapter.dispatch('get_create_table_as_sql', 'dbt')(temporary, relation, sql)) }}
{%- endmacro %}

{% macro default__get_create_table_as_sql(temporary, relation, sql) -%}
  {{ return(adapter.dispatch('create_table_as', 'dbt')(temporary, relation, sql)) }}
{%- endmacro %}

{% macro get_create_view_as_sql(relation, sql) -%}
  {{ return(adapter.dispatch('get_create_view_as_sql', 'dbt')(relation, sql)) }}
{%- endmacro %}

{% macro default__get_create_view_as_sql(relation, sql) -%}
  {{ return(adapter.dispatch('create_view_as', 'dbt')(relation, sql)) }}
{%- endmacro %}

{% macro create_view_as(relation, sql) -%}
  {{ return(adapter.dispatch('create_view_as', 'dbt')(relation, sql)) }}
{%- endmacro %}

{% macro default__create_view_as(relation, sql) -%}
  {%- set sql_header = config.get('sql_header', none) if config is defined else none -%}
  {%- if sql_header %}{{ sql_header }}
{% endif -%}
create view {{ relation }} as (
{{ sql }}
);
{%- endmacro %}

{% macro rename_relation(from_relation, to_relation) -%}
  {{ return(adapter.dispatch('rename_relation', 'dbt')(from_relation, to_relation)) }}
{%- endmacro %}

{% macro default__rename_relation(from_relation, to_relation) -%}
alter table {{ from_relation }} rename to {{ to_relation.include(database=false, schema=false) }};
{%- endmacro %}

{% macro get_drop_sql(relation) -%}
  {{ return(adapter.dispatch('get_drop_sql', 'dbt')(relation)) }}
{%- endmacro %}

{% macro default__get_drop_sql(relation) -%}
drop {{ relation.type or 'table' }} if exists {{ relation }} cascade;
{%- endmacro %}

{% macro drop_relation(relation) -%}
  {{ return(adapter.dispatch('drop_relation', 'dbt')(relation)) }}
{%- endmacro %}

{% macro default__drop_relation(relation) -%}
  {{ return(adapter.dispatch('get_drop_sql', 'dbt')(relation)) }}
{%- endmacro %}

{% macro drop_relation_if_exists(relation) -%}
  {%- if relation != none -%}{{ return(adapter.dispatch('drop_relation', 'dbt')(relation)) }}{%- endif -%}
{%- endmacro %}

{% macro truncate_relation(relation) -%}
  {{ return(adapter.dispatch('truncate_relation', 'dbt')(relation)) }}
{%- endmacro %}

{% macro default__truncate_relation(relation) -%}
truncate table {{ relation }};
{%- endmacro %}

{% macro create_schema(relation) -%}
  {{ return(adapter.dispatch('create_schema', 'dbt')(relation)) }}
{%- endmacro %}

{% macro default__create_schema(relation) -%}
create schema if not exists {{ relation.without_identifier() }};
{%- endmacro %}

{% macro drop_schema(relation) -%}
  {{ return(adapter.dispatch('drop_schema', 'dbt')(relation)) }}
{%- endmacro %}

{% macro default__drop_schema(relation) -%}
drop schema if exists {{ relation.without_identifier() }} cascade;
{%- endmacro %}
