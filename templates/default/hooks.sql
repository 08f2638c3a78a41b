{#- dbt's hook helpers: `pre_hook=before_begin("…")` runs the SQL before the node's transaction
    begins, `post_hook=after_commit("…")` after it commits. They render the hook as a JSON dict
    that the config reader takes apart again (src/parse/hook-config.ts). -#}

{% macro make_hook_config(sql, inside_transaction) -%}
  {{ tojson({"sql": sql, "transaction": inside_transaction}) }}
{%- endmacro %}

{% macro before_begin(sql) -%}
  {{ make_hook_config(sql, inside_transaction=False) }}
{%- endmacro %}

{% macro in_transaction(sql) -%}
  {{ make_hook_config(sql, inside_transaction=True) }}
{%- endmacro %}

{% macro after_commit(sql) -%}
  {{ make_hook_config(sql, inside_transaction=False) }}
{%- endmacro %}
