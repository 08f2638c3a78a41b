{#- Helpers the incremental strategy macros call (dbt-adapters column_helpers / merge): quoting,
    equality and the columns a merge updates. -#}

{% macro get_quoted_csv(column_names) -%}
  {%- set quoted = [] -%}
  {%- for col in column_names -%}
    {%- do quoted.append(adapter.quote(col)) -%}
  {%- endfor -%}
  {{ return(quoted | join(', ')) }}
{%- endmacro %}

{#- dbt's equals(): plain `=` (the truthy-nulls behaviour flag is off by default). -#}
{% macro equals(expr1, expr2) -%}
({{ expr1 }} = {{ expr2 }})
{%- endmacro %}

{% macro get_merge_update_columns(merge_update_columns, merge_exclude_columns, dest_columns) -%}
  {{ return(adapter.dispatch('get_merge_update_columns', 'dbt')(merge_update_columns, merge_exclude_columns, dest_columns)) }}
{%- endmacro %}

{% macro default__get_merge_update_columns(merge_update_columns, merge_exclude_columns, dest_columns) -%}
  {%- set default_cols = dest_columns | map(attribute="quoted") | list -%}
  {%- if merge_update_columns and merge_exclude_columns -%}
    {{ exceptions.raise_compiler_error('Model cannot specify merge_update_columns and merge_exclude_columns. Please update model to use only one config') }}
  {%- elif merge_update_columns -%}
    {%- set update_columns = merge_update_columns -%}
  {%- elif merge_exclude_columns -%}
    {%- set update_columns = [] -%}
    {%- set excluded = merge_exclude_columns | map("lower") | list -%}
    {%- for column in dest_columns -%}
      {%- if column.column | lower not in excluded -%}
        {%- do update_columns.append(column.quoted) -%}
      {%- endif -%}
    {%- endfor -%}
  {%- else -%}
    {%- set update_columns = default_cols -%}
  {%- endif -%}
  {{ return(update_columns) }}
{%- endmacro %}

{#- One microbatch batch as delete + insert of its event-time window (dbt-duckdb, dbt-postgres). -#}
{% macro delete_insert_microbatch_sql(arg_dict) -%}
  {%- set event_time = config.get('event_time') -%}
  {%- if not event_time -%}
    {{ exceptions.raise_compiler_error("microbatch incremental strategy requires an 'event_time' model config") }}
  {%- endif -%}
  {%- set batch = model.batch -%}
  {%- if not (batch and batch.event_time_start and batch.event_time_end) -%}
    {{ exceptions.raise_compiler_error("microbatch incremental strategy requires 'batch.event_time_start' and 'batch.event_time_end' to be set in the context") }}
  {%- endif -%}
  {%- set target = arg_dict["target_relation"] -%}
  {%- set source = arg_dict["temp_relation"] -%}
  {%- set dest_cols_csv = get_quoted_csv(arg_dict["dest_columns"] | map(attribute="name")) -%}
  {%- set where_clause -%}
{{ event_time }} >= cast('{{ batch.event_time_start }}' as timestamp)
    and {{ event_time }} < cast('{{ batch.event_time_end }}' as timestamp)
    {%- for predicate in (arg_dict["incremental_predicates"] or []) %}
    and ({{ predicate }})
    {%- endfor %}
  {%- endset %}
delete from {{ target }}
where {{ where_clause | trim }};
insert into {{ target }} ({{ dest_cols_csv }})
select {{ dest_cols_csv }}
from {{ source }}
where {{ where_clause | trim }}
{%- endmacro %}
