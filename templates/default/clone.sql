{# tx clone (dbt's clone materialization): zero-copy table clones where the warehouse has them, otherwise views over the state relation. #}

{% macro can_clone_table() -%}
  {{ return(adapter.dispatch('can_clone_table', 'dbt')()) }}
{%- endmacro %}

{% macro default__can_clone_table() -%}
  {{ return(False) }}
{%- endmacro %}

{% macro create_or_replace_clone(this_relation, defer_relation) -%}
  {{ return(adapter.dispatch('create_or_replace_clone', 'dbt')(this_relation, defer_relation)) }}
{%- endmacro %}

{% macro default__create_or_replace_clone(this_relation, defer_relation) -%}
  create or replace table {{ this_relation }} clone {{ defer_relation }}
{%- endmacro %}

{% macro get_clone_target(to_relation) -%}
  {{ return(adapter.dispatch('get_clone_target', 'dbt')(to_relation)) }}
{%- endmacro %}

{% macro default__get_clone_target(to_relation) -%}
  select * from {{ to_relation }}
{%- endmacro %}
