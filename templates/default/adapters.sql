{#- dbt's relation DDL macros. In tx they render SQL (plans execute it), rather than running statements. -#}

{#- As dbt-adapters: SQL models dispatch with three arguments, so an adapter's (or a project's)
    `<adapter>__create_table_as(temporary, relation, sql)` written for dbt works unchanged; only
    another language passes the fourth. -#}
{% macro create_table_as(temporary, relation, compiled_code, language='sql') -%}
  {%- if language == 'sql' -%}
    {{ return(adapter.dispatch('create_table_as', 'dbt')(temporary, relation, compiled_code)) }}
  {%- else -%}
    {{ return(adapter.dispatch('create_table_as', 'dbt')(temporary, relation, compiled_code, language)) }}
  {%- endif -%}
{%- endmacro %}

{% macro default__create_table_as(temporary, relation, sql) -%}
  {%- set sql_header = config.get('sql_header', none) if config is defined else none -%}
  {%- if sql_header %}{{ sql_header }}
{% endif -%}
create {% if temporary %}temporary {% endif %}table {{ relation.include(database=(not temporary), schema=(not temporary)) }}
{%- if contract_enforced() and not temporary %}
{{ get_assert_columns_equivalent(sql) }}{{ get_table_columns_and_constraints() }}
{%- set sql = get_select_subquery(sql) %}
{%- endif %} as (
{{ sql }}
);
{%- endmacro %}

{#- Model contracts: the table is declared with its columns' types and constraints (dbt's
    get_table_columns_and_constraints), then filled in the contract's column order. -#}

{% macro contract_enforced() -%}
  {%- set contract_config = (config.get('contract', none) if config is defined else none) or {} -%}
  {{ return(contract_config.enforced == true) }}
{%- endmacro %}

{% macro get_table_columns_and_constraints() -%}
  {{ return(adapter.dispatch('get_table_columns_and_constraints', 'dbt')()) }}
{%- endmacro %}

{% macro default__get_table_columns_and_constraints() -%}
  {{ return(table_columns_and_constraints()) }}
{%- endmacro %}

{% macro table_columns_and_constraints() -%}
  {%- set raw_column_constraints = adapter.render_raw_columns_constraints(raw_columns=model['columns']) -%}
  {%- set raw_model_constraints = adapter.render_raw_model_constraints(raw_constraints=model['constraints']) -%}
(
{%- for c in raw_column_constraints %}
    {{ c }}{{ "," if not loop.last or raw_model_constraints }}
{%- endfor %}
{%- for c in raw_model_constraints %}
    {{ c }}{{ "," if not loop.last }}
{%- endfor %}
)
{%- endmacro %}

{#- tx checks the contract before it plans the build, from the warehouse's description of the
    compiled query (src/api/contract-check.ts): nothing is left to assert in the DDL. -#}
{% macro get_assert_columns_equivalent(sql) -%}
  {{ return(adapter.dispatch('get_assert_columns_equivalent', 'dbt')(sql)) }}
{%- endmacro %}

{% macro default__get_assert_columns_equivalent(sql) -%}
{%- endmacro %}

{% macro get_select_subquery(sql) -%}
  {{ return(adapter.dispatch('get_select_subquery', 'dbt')(sql)) }}
{%- endmacro %}

{% macro default__get_select_subquery(sql) -%}
select {{ adapter.dispatch('get_column_names', 'dbt')() }}
from (
{{ sql }}
) as model_subq
{%- endmacro %}

{% macro get_column_names() -%}
  {{ return(adapter.dispatch('get_column_names', 'dbt')()) }}
{%- endmacro %}

{% macro default__get_column_names() -%}
  {%- set user_provided_columns = model['columns'] -%}
  {%- for i in user_provided_columns -%}
    {%- set col = user_provided_columns[i] -%}
    {{ adapter.quote(col['name']) if col.get('quote') else col['name'] }}{{ ", " if not loop.last }}
  {%- endfor -%}
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
