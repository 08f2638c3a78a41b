{#- dbt-postgres' overrides where Postgres' DDL differs from dbt's defaults. -#}

{% macro postgres__create_table_as(temporary, relation, sql) -%}
  {%- set unlogged = config.get('unlogged', false) if config is defined else false -%}
  {%- set sql_header = config.get('sql_header', none) if config is defined else none -%}
  {%- if sql_header %}{{ sql_header }}
{% endif -%}
create {% if temporary %}temporary {% elif unlogged %}unlogged {% endif %}table {{ relation.include(database=(not temporary), schema=(not temporary)) }}
{%- if contract_enforced() and not temporary %} {{ get_table_columns_and_constraints() }};
insert into {{ relation }} ({{ adapter.dispatch('get_column_names', 'dbt')() }})
{{ get_select_subquery(sql) }};
{%- else %} as (
{{ sql }}
);
{%- endif %}
{%- endmacro %}

{#- ALTER TABLE renames views too, but a materialized view needs its own keyword. IF EXISTS:
    rebuilding a table drops the views that read it (drop … cascade of its backup), so a view
    listed in this run's snapshot may be gone by the time its own swap moves it aside. -#}
{% macro postgres__rename_relation(from_relation, to_relation) -%}
alter {{ 'materialized view' if from_relation.type == 'materialized_view' else 'table' }} if exists {{ from_relation }} rename to {{ to_relation.include(database=false, schema=false) }};
{%- endmacro %}

{% macro postgres__get_drop_sql(relation) -%}
drop {{ 'materialized view' if relation.type == 'materialized_view' else (relation.type or 'table') }} if exists {{ relation }} cascade;
{%- endmacro %}

{#- CREATE SCHEMA takes no database qualifier in Postgres. -#}
{% macro postgres__create_schema(relation) -%}
create schema if not exists {{ relation.without_identifier().include(database=false) }};
{%- endmacro %}

{% macro postgres__drop_schema(relation) -%}
drop schema if exists {{ relation.without_identifier().include(database=false) }} cascade;
{%- endmacro %}
