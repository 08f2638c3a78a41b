{#- dbt-bigquery's snapshot helpers: hashes through to_hex(md5(concat(...))) (md5 returns BYTES),
    times as TIMESTAMP. The MERGE that applies the changes is dbt's default. -#}

{% macro bigquery__snapshot_hash_arguments(args) -%}
    to_hex(md5(concat({%- for arg in args -%}
        coalesce(cast({{ arg }} as string), ''){% if not loop.last %}, '|',{% endif %}
    {%- endfor -%})))
{%- endmacro %}

{% macro bigquery__snapshot_get_time() -%}
  {{ current_timestamp() }}
{%- endmacro %}

{% macro bigquery__snapshot_string_as_time(timestamp) -%}
  {{ return("timestamp('" ~ timestamp ~ "')") }}
{%- endmacro %}
