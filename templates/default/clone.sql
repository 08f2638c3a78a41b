{# tx clone (dbt's clone materialization): zero-copy table clones where the warehouse has them
   (create_or_replace_clone, in relations.sql), otherwise views over the state relation. #}

{% macro can_clone_table() -%}
  {{ return(adapter.dispatch('can_clone_table', 'dbt')()) }}
{%- endmacro %}

{% macro default__can_clone_table() -%}
  {{ return(False) }}
{%- endmacro %}

{% macro get_clone_target(to_relation) -%}
  {{ return(adapter.dispatch('get_clone_target', 'dbt')(to_relation)) }}
{%- endmacro %}

{% macro default__get_clone_target(to_relation) -%}
  select * from {{ to_relation }}
{%- endmacro %}
