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

{#- dbt's create_or_replace_clone (its clone materialization): a copy of defer_relation named
    this_relation. tx also uses it to stage an incremental run where DDL cannot be rolled back. -#}
{% macro create_or_replace_clone(this_relation, defer_relation) -%}
  {{ return(adapter.dispatch('create_or_replace_clone', 'dbt')(this_relation, defer_relation)) }}
{%- endmacro %}

{% macro default__create_or_replace_clone(this_relation, defer_relation) -%}
create or replace table {{ this_relation.render() }} clone {{ defer_relation.render() }};
{%- endmacro %}

{#- tx: the staged copy an incremental run alters where DDL cannot be rolled back (Snowflake,
    BigQuery); it takes the table's place, so it must keep what the table had (grants included). -#}
{% macro stage_table_copy(staged_relation, target_relation) -%}
  {{ return(adapter.dispatch('stage_table_copy', 'dbt')(staged_relation, target_relation)) }}
{%- endmacro %}

{% macro default__stage_table_copy(staged_relation, target_relation) -%}
  {{ return(create_or_replace_clone(staged_relation, target_relation)) }}
{%- endmacro %}

{#- tx: the staged copy of an incremental run takes the table's place (Snowflake, BigQuery). -#}
{% macro swap_staged_table(target_relation, staged_relation) -%}
  {{ return(adapter.dispatch('swap_staged_table', 'dbt')(target_relation, staged_relation)) }}
{%- endmacro %}

{% macro default__swap_staged_table(target_relation, staged_relation) -%}
  {{ exceptions.raise_not_implemented('swap_staged_table is not implemented for adapter ' ~ adapter.type()) }}
{%- endmacro %}
