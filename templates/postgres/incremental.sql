{#- dbt-postgres' incremental defaults: delete+insert when there is a unique_key (else append), and
    microbatch as delete + insert of each batch's window. -#}

{% macro postgres__get_incremental_default_sql(arg_dict) -%}
  {{ return(get_incremental_delete_insert_sql(arg_dict)) }}
{%- endmacro %}

{% macro postgres__get_incremental_microbatch_sql(arg_dict) -%}
  {{ return(delete_insert_microbatch_sql(arg_dict)) }}
{%- endmacro %}
