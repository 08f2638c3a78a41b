{#- dbt's incremental strategy macros (dbt-adapters materializations/models/incremental). Each renders
    the SQL of one strategy; src/materialize/incremental.ts decides when it runs and wraps it in one
    transaction with the temporary relation it reads from. -#}

{#- append -#}

{% macro get_incremental_append_sql(arg_dict) -%}
  {{ return(adapter.dispatch('get_incremental_append_sql', 'dbt')(arg_dict)) }}
{%- endmacro %}

{% macro default__get_incremental_append_sql(arg_dict) -%}
  {{ return(get_insert_into_sql(arg_dict["target_relation"], arg_dict["temp_relation"], arg_dict["dest_columns"])) }}
{%- endmacro %}

{% macro get_insert_into_sql(target_relation, temp_relation, dest_columns) -%}
  {%- set dest_cols_csv = get_quoted_csv(dest_columns | map(attribute="name")) -%}
insert into {{ target_relation }} ({{ dest_cols_csv }})
(
    select {{ dest_cols_csv }}
    from {{ temp_relation }}
)
{%- endmacro %}

{#- delete+insert -#}

{% macro get_incremental_delete_insert_sql(arg_dict) -%}
  {{ return(adapter.dispatch('get_incremental_delete_insert_sql', 'dbt')(arg_dict)) }}
{%- endmacro %}

{% macro default__get_incremental_delete_insert_sql(arg_dict) -%}
  {{ return(get_delete_insert_merge_sql(arg_dict["target_relation"], arg_dict["temp_relation"], arg_dict["unique_key"], arg_dict["dest_columns"], arg_dict["incremental_predicates"])) }}
{%- endmacro %}

{% macro get_delete_insert_merge_sql(target, source, unique_key, dest_columns, incremental_predicates=none) -%}
  {{ return(adapter.dispatch('get_delete_insert_merge_sql', 'dbt')(target, source, unique_key, dest_columns, incremental_predicates)) }}
{%- endmacro %}

{% macro default__get_delete_insert_merge_sql(target, source, unique_key, dest_columns, incremental_predicates) -%}
  {%- set dest_cols_csv = get_quoted_csv(dest_columns | map(attribute="name")) -%}
  {%- if unique_key -%}
    {%- if unique_key is string -%}{%- set unique_key = [unique_key] -%}{%- endif -%}
    {%- set unique_key_str = unique_key | join(', ') %}
delete from {{ target }}
where ({{ unique_key_str }}) in (
    select distinct {{ unique_key_str }}
    from {{ source }}
)
    {%- if incremental_predicates %}
    {%- for predicate in incremental_predicates %}
    and {{ predicate }}
    {%- endfor %}
    {%- endif %};
  {% endif %}
insert into {{ target }} ({{ dest_cols_csv }})
(
    select {{ dest_cols_csv }}
    from {{ source }}
)
{%- endmacro %}

{#- merge -#}

{% macro get_incremental_merge_sql(arg_dict) -%}
  {{ return(adapter.dispatch('get_incremental_merge_sql', 'dbt')(arg_dict)) }}
{%- endmacro %}

{% macro default__get_incremental_merge_sql(arg_dict) -%}
  {{ return(get_merge_sql(arg_dict["target_relation"], arg_dict["temp_relation"], arg_dict["unique_key"], arg_dict["dest_columns"], arg_dict["incremental_predicates"])) }}
{%- endmacro %}

{% macro get_merge_sql(target, source, unique_key, dest_columns, incremental_predicates=none) -%}
  {{ return(adapter.dispatch('get_merge_sql', 'dbt')(target, source, unique_key, dest_columns, incremental_predicates)) }}
{%- endmacro %}

{% macro default__get_merge_sql(target, source, unique_key, dest_columns, incremental_predicates=none) -%}
  {%- set predicates = [] if incremental_predicates is none else [] + incremental_predicates -%}
  {%- set dest_cols_csv = get_quoted_csv(dest_columns | map(attribute="name")) -%}
  {%- set update_columns = get_merge_update_columns(config.get('merge_update_columns'), config.get('merge_exclude_columns'), dest_columns) -%}
  {%- if unique_key -%}
    {%- if unique_key is sequence and unique_key is not mapping and unique_key is not string -%}
      {%- for key in unique_key -%}
        {%- do predicates.append("DBT_INTERNAL_SOURCE." ~ key ~ " = DBT_INTERNAL_DEST." ~ key) -%}
      {%- endfor -%}
    {%- else -%}
      {%- do predicates.append(equals("DBT_INTERNAL_SOURCE." ~ unique_key, "DBT_INTERNAL_DEST." ~ unique_key)) -%}
    {%- endif -%}
  {%- else -%}
    {%- do predicates.append('FALSE') -%}
  {%- endif %}
merge into {{ target }} as DBT_INTERNAL_DEST
    using {{ source }} as DBT_INTERNAL_SOURCE
    on {{ "(" ~ predicates | join(") and (") ~ ")" }}
  {%- if unique_key and update_columns | length > 0 %}
when matched then update set
    {% for column_name in update_columns -%}
    {{ column_name }} = DBT_INTERNAL_SOURCE.{{ column_name }}{% if not loop.last %}, {% endif %}
    {%- endfor %}
  {%- endif %}
when not matched then insert
    ({{ dest_cols_csv }})
values
    ({{ dest_cols_csv }})
{%- endmacro %}

{#- insert_overwrite: dbt's default MERGE ... ON FALSE, for warehouses with partitions. -#}

{% macro get_incremental_insert_overwrite_sql(arg_dict) -%}
  {{ return(adapter.dispatch('get_incremental_insert_overwrite_sql', 'dbt')(arg_dict)) }}
{%- endmacro %}

{% macro default__get_incremental_insert_overwrite_sql(arg_dict) -%}
  {{ return(get_insert_overwrite_merge_sql(arg_dict["target_relation"], arg_dict["temp_relation"], arg_dict["dest_columns"], arg_dict["incremental_predicates"])) }}
{%- endmacro %}

{% macro get_insert_overwrite_merge_sql(target, source, dest_columns, predicates, include_sql_header=false) -%}
  {{ return(adapter.dispatch('get_insert_overwrite_merge_sql', 'dbt')(target, source, dest_columns, predicates, include_sql_header)) }}
{%- endmacro %}

{% macro default__get_insert_overwrite_merge_sql(target, source, dest_columns, predicates, include_sql_header) -%}
  {%- set predicates = [] if predicates is none else [] + predicates -%}
  {%- set dest_cols_csv = get_quoted_csv(dest_columns | map(attribute="name")) %}
merge into {{ target }} as DBT_INTERNAL_DEST
    using {{ source }} as DBT_INTERNAL_SOURCE
    on FALSE
when not matched by source
    {% if predicates %} and {{ predicates | join(' and ') }} {% endif %}
    then delete
when not matched then insert
    ({{ dest_cols_csv }})
values
    ({{ dest_cols_csv }})
{%- endmacro %}

{#- microbatch: each adapter says how one batch replaces its window. -#}

{% macro get_incremental_microbatch_sql(arg_dict) -%}
  {{ return(adapter.dispatch('get_incremental_microbatch_sql', 'dbt')(arg_dict)) }}
{%- endmacro %}

{% macro default__get_incremental_microbatch_sql(arg_dict) -%}
  {{ exceptions.raise_not_implemented('microbatch materialization strategy not implemented for adapter ' ~ adapter.type()) }}
{%- endmacro %}

{#- default: what `incremental_strategy` unset means for this adapter. -#}

{% macro get_incremental_default_sql(arg_dict) -%}
  {{ return(adapter.dispatch('get_incremental_default_sql', 'dbt')(arg_dict)) }}
{%- endmacro %}

{% macro default__get_incremental_default_sql(arg_dict) -%}
  {{ return(get_incremental_append_sql(arg_dict)) }}
{%- endmacro %}
