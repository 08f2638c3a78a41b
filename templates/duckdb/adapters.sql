{#- dbt-duckdb's overrides where DuckDB's DDL differs from dbt's defaults. -#}

{#- DuckDB takes no column list in CREATE TABLE AS: a contracted table is declared, then filled. -#}
{% macro duckdb__create_table_as(temporary, relation, compiled_code, language='sql') -%}
  {%- set sql = compiled_code -%}
  {%- set sql_header = config.get('sql_header', none) if config is defined else none -%}
  {%- if sql_header %}{{ sql_header }}
{% endif -%}
create {% if temporary %}temporary {% endif %}table {{ relation.include(database=(not temporary), schema=(not temporary)) }}
{%- if contract_enforced() and not temporary %} {{ get_table_columns_and_constraints() }};
insert into {{ relation }} ({{ adapter.dispatch('get_column_names', 'dbt')() }})
{{ get_select_subquery(sql) }};
{%- else %} as (
{{ sql }}
);
{%- endif %}
{%- endmacro %}

{% macro duckdb__rename_relation(from_relation, to_relation) -%}
alter {{ from_relation.type or 'table' }} {{ from_relation }} rename to {{ to_relation.include(database=false, schema=false) }};
{%- endmacro %}

{% macro duckdb__truncate_relation(relation) -%}
delete from {{ relation }} where 1=1;
{%- endmacro %}
