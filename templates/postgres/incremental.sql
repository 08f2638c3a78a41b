{#- dbt-postgres' incremental defaults: delete+insert when there is a unique_key (else append), and
    microbatch as delete + insert of each batch's window. -#}

{% macro postgres__get_incremental_default_sql(arg_dict) -%}
  {{ return(get_incremental_delete_insert_sql(arg_dict)) }}
{%- endmacro %}

{% macro postgres__get_incremental_microbatch_sql(arg_dict) -%}
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
