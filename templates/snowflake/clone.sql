{% macro snowflake__can_clone_table() -%}
  {{ return(True) }}
{%- endmacro %}

{# dbt-snowflake: a transient clone unless the model says transient: false; grants copied with copy_grants. #}
{% macro snowflake__create_or_replace_clone(this_relation, defer_relation) -%}
  create or replace
    {{ "transient" if config.get('transient', true) }}
    table {{ this_relation }}
    clone {{ defer_relation }}
    {{ "copy grants" if config.get('copy_grants', false) }}
{%- endmacro %}
