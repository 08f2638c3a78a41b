{#- dbt-snowflake's incremental strategies: merge is the default; insert_overwrite replaces the whole
    table (INSERT OVERWRITE); microbatch deletes and re-inserts each batch's window. tx's temporary
    relation is qualified beside the model first (see snowflake__qualify_temp). -#}

{% macro snowflake__with_qualified_temp(arg_dict) -%}
  {%- set args = {} -%}
  {%- for key in arg_dict -%}{%- do args.update({key: arg_dict[key]}) -%}{%- endfor -%}
  {%- do args.update({"temp_relation": snowflake__qualify_temp(arg_dict["temp_relation"])}) -%}
  {{ return(args) }}
{%- endmacro %}

{% macro snowflake__get_incremental_default_sql(arg_dict) -%}
  {{ return(get_incremental_merge_sql(arg_dict)) }}
{%- endmacro %}

{% macro snowflake__get_incremental_append_sql(arg_dict) -%}
  {%- set args = snowflake__with_qualified_temp(arg_dict) -%}
  {{ return(snowflake__session_setup() ~ default__get_incremental_append_sql(args)) }}
{%- endmacro %}

{% macro snowflake__get_incremental_delete_insert_sql(arg_dict) -%}
  {%- set args = snowflake__with_qualified_temp(arg_dict) -%}
  {{ return(snowflake__session_setup() ~ default__get_incremental_delete_insert_sql(args)) }}
{%- endmacro %}

{#- MERGE with incremental_predicates (in default__get_merge_sql's ON clause, as dbt-snowflake). -#}
{% macro snowflake__get_incremental_merge_sql(arg_dict) -%}
  {%- set args = snowflake__with_qualified_temp(arg_dict) -%}
  {{ return(snowflake__session_setup() ~ default__get_incremental_merge_sql(args)) }}
{%- endmacro %}

{% macro snowflake__get_incremental_insert_overwrite_sql(arg_dict) -%}
  {%- set args = snowflake__with_qualified_temp(arg_dict) -%}
  {%- set dest_cols_csv = get_quoted_csv(args["dest_columns"] | map(attribute="name")) -%}
{{ snowflake__session_setup() }}insert overwrite into {{ args["target_relation"] }} ({{ dest_cols_csv }})
select {{ dest_cols_csv }}
from {{ args["temp_relation"] }}
{%- endmacro %}

{% macro snowflake__get_incremental_microbatch_sql(arg_dict) -%}
  {%- set event_time = config.get('event_time') -%}
  {%- if not event_time -%}
    {{ exceptions.raise_compiler_error("microbatch incremental strategy requires an 'event_time' model config") }}
  {%- endif -%}
  {%- set batch = model.batch -%}
  {%- if not (batch and batch.event_time_start and batch.event_time_end) -%}
    {{ exceptions.raise_compiler_error("microbatch incremental strategy requires 'batch.event_time_start' and 'batch.event_time_end' to be set in the context") }}
  {%- endif -%}
  {%- set args = snowflake__with_qualified_temp(arg_dict) -%}
  {%- set target = args["target_relation"] -%}
  {%- set dest_cols_csv = get_quoted_csv(args["dest_columns"] | map(attribute="name")) -%}
  {%- set where_clause -%}
{{ event_time }} >= to_timestamp_tz('{{ batch.event_time_start }}')
    and {{ event_time }} < to_timestamp_tz('{{ batch.event_time_end }}')
    {%- for predicate in (args["incremental_predicates"] or []) %}
    and ({{ predicate }})
    {%- endfor %}
  {%- endset %}
{{ snowflake__session_setup() }}delete from {{ target }}
where {{ where_clause | trim }};
insert into {{ target }} ({{ dest_cols_csv }})
select {{ dest_cols_csv }}
from {{ args["temp_relation"] }}
where {{ where_clause | trim }}
{%- endmacro %}
