{#- dbt-duckdb's overrides where DuckDB's DDL differs from dbt's defaults. -#}

{% macro duckdb__rename_relation(from_relation, to_relation) -%}
alter {{ from_relation.type or 'table' }} {{ from_relation }} rename to {{ to_relation.include(database=false, schema=false) }};
{%- endmacro %}

{% macro duckdb__truncate_relation(relation) -%}
delete from {{ relation }} where 1=1;
{%- endmacro %}
