{#- Intermediate / backup relation naming (dbt's make_*_relation). Deterministic: no timestamps. -#}

{% macro make_intermediate_relation(base_relation, suffix='__dbt_tmp') -%}
  {{ return(adapter.dispatch('make_intermediate_relation', 'dbt')(base_relation, suffix)) }}
{%- endmacro %}

{% macro default__make_intermediate_relation(base_relation, suffix) -%}
  {{ return(adapter.dispatch('make_temp_relation', 'dbt')(base_relation, suffix)) }}
{%- endmacro %}

{% macro make_temp_relation(base_relation, suffix='__dbt_tmp') -%}
  {{ return(adapter.dispatch('make_temp_relation', 'dbt')(base_relation, suffix)) }}
{%- endmacro %}

{% macro default__make_temp_relation(base_relation, suffix) -%}
  {%- set tmp_identifier = base_relation.identifier ~ suffix -%}
  {{ return(base_relation.incorporate(path={"identifier": tmp_identifier})) }}
{%- endmacro %}

{% macro make_backup_relation(base_relation, backup_relation_type, suffix='__dbt_backup') -%}
  {{ return(adapter.dispatch('make_backup_relation', 'dbt')(base_relation, backup_relation_type, suffix)) }}
{%- endmacro %}

{% macro default__make_backup_relation(base_relation, backup_relation_type, suffix) -%}
  {%- set backup_identifier = base_relation.identifier ~ suffix -%}
  {{ return(base_relation.incorporate(path={"identifier": backup_identifier}, type=backup_relation_type)) }}
{%- endmacro %}
