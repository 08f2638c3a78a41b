{#- dbt-bigquery's incremental strategies. merge is the default; insert_overwrite replaces whole
    partitions (static: the `partitions` config lists them; dynamic: the partitions the new rows
    fall in, found by a script over the temporary table); microbatch replaces each batch's window.
    The new rows are already in the session's temporary table (src/materialize/incremental.ts). -#}

{% macro bigquery__get_incremental_default_sql(arg_dict) -%}
  {{ return(get_incremental_merge_sql(arg_dict)) }}
{%- endmacro %}

{% macro bigquery__get_incremental_insert_overwrite_sql(arg_dict) -%}
  {%- set pc = bq_partition_config(config.get('partition_by', none)) -%}
  {%- if pc is none -%}
    {{ exceptions.raise_compiler_error("The 'insert_overwrite' strategy requires the `partition_by` config.") }}
  {%- endif -%}
  {%- set partitions = config.get('partitions', none) -%}
  {%- set target = arg_dict["target_relation"] -%}
  {%- set tmp = arg_dict["temp_relation"] -%}
  {%- set source_sql = '(select * from ' ~ tmp ~ ')' -%}
  {%- if partitions is not none and partitions != [] -%}
    {%- set predicate = bq_partition_render_wrapped(pc, 'DBT_INTERNAL_DEST') ~ ' in (' ~ (partitions | join(', ')) ~ ')' -%}
-- insert_overwrite (static partitions){{ ', copy_partitions as MERGE' if (config.get('copy_partitions') or pc.copy_partitions) }}
{{ get_insert_overwrite_merge_sql(target, source_sql, arg_dict["dest_columns"], [predicate]) }};
  {%- else -%}
{{ bq_dynamic_insert_overwrite_sql(pc, target, tmp, source_sql, arg_dict["dest_columns"]) }}
  {%- endif -%}
{%- endmacro %}

{#- dbt-bigquery's dynamic insert_overwrite script: the partitions present in the new rows, then one
    MERGE deleting them from the target and inserting the new rows (partition pruning keeps the
    delete to those partitions). copy_partitions (copy jobs in dbt-bigquery) replaces the same
    partitions with this MERGE: the same result, billed as DML. -#}
{% macro bq_dynamic_insert_overwrite_sql(pc, target, tmp, source_sql, dest_columns) -%}
  {%- set predicate = bq_partition_render_wrapped(pc, 'DBT_INTERNAL_DEST') ~ ' in unnest(dbt_partitions_for_replacement)' -%}
-- generated script to merge partitions into {{ target }}{{ ' (copy_partitions as MERGE)' if (config.get('copy_partitions') or pc.copy_partitions) }}
declare dbt_partitions_for_replacement array<{{ pc.data_type }}>;

-- 1. the partitions the new rows fall in
set (dbt_partitions_for_replacement) = (
    select as struct
        -- IGNORE NULLS: aligned with _dbt_max_partition, which ignores null
        array_agg(distinct {{ bq_partition_render_wrapped(pc) }} IGNORE NULLS)
    from {{ tmp }}
);

-- 2. replace them
{{ get_insert_overwrite_merge_sql(target, source_sql, dest_columns, [predicate]) }};
{%- endmacro %}

{#- merge when there is a unique_key, else the new rows are inserted (dbt-bigquery's merge). -#}
{% macro bigquery__get_incremental_merge_sql(arg_dict) -%}
  {{ return(get_merge_sql(arg_dict["target_relation"], arg_dict["temp_relation"], arg_dict["unique_key"], arg_dict["dest_columns"], arg_dict["incremental_predicates"])) }}
{%- endmacro %}

{#- microbatch, as dbt-bigquery: insert_overwrite over the batch, i.e. the partitions the batch's
    rows fall in are replaced whole (partition_by's granularity is the batch size, checked before
    anything runs), by the same dynamic script as insert_overwrite. -#}
{% macro bigquery__get_incremental_microbatch_sql(arg_dict) -%}
  {%- set pc = bq_partition_config(config.get('partition_by', none)) -%}
  {%- if pc is none -%}
    {{ exceptions.raise_compiler_error("The 'microbatch' strategy requires a `partition_by` config.") }}
  {%- endif -%}
  {%- set tmp = arg_dict["temp_relation"] -%}
{{ bq_dynamic_insert_overwrite_sql(pc, arg_dict["target_relation"], tmp, '(select * from ' ~ tmp ~ ')', arg_dict["dest_columns"]) }}
{%- endmacro %}
