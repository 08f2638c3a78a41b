{#- dbt-snowflake's dynamic tables: Snowflake keeps the table refreshed from its query within
    target_lag, on snowflake_warehouse. A create (or replace, when the definition changed) is the
    whole build; a refresh asks for one now. -#}

{% macro get_create_dynamic_table_as_sql(relation, sql) -%}
  {{ return(adapter.dispatch('get_create_dynamic_table_as_sql', 'dbt')(relation, sql)) }}
{%- endmacro %}

{% macro default__get_create_dynamic_table_as_sql(relation, sql) -%}
  {{ exceptions.raise_not_implemented('dynamic tables are not implemented for adapter ' ~ adapter.type()) }}
{%- endmacro %}

{% macro snowflake__get_create_dynamic_table_as_sql(relation, sql) -%}
  {%- set target_lag = config.get('target_lag', none) -%}
  {%- set warehouse = config.get('snowflake_warehouse', none) or target.warehouse -%}
  {%- set refresh_mode = config.get('refresh_mode', 'AUTO') -%}
  {%- set initialize = config.get('initialize', 'ON_CREATE') -%}
  {%- if not target_lag -%}
    {{ exceptions.raise_compiler_error("dynamic table " ~ relation ~ " needs a target_lag config (e.g. '1 hour', or 'downstream')") }}
  {%- endif -%}
  {%- if not warehouse -%}
    {{ exceptions.raise_compiler_error("dynamic table " ~ relation ~ " needs snowflake_warehouse (or a warehouse in the profile)") }}
  {%- endif -%}
  {%- if refresh_mode | upper not in ['AUTO', 'FULL', 'INCREMENTAL'] -%}
    {{ exceptions.raise_compiler_error("refresh_mode must be AUTO, FULL or INCREMENTAL, got " ~ refresh_mode) }}
  {%- endif -%}
  {%- if initialize | upper not in ['ON_CREATE', 'ON_SCHEDULE'] -%}
    {{ exceptions.raise_compiler_error("initialize must be ON_CREATE or ON_SCHEDULE, got " ~ initialize) }}
  {%- endif -%}
create or replace {% if config.get('transient', false) %}transient {% endif %}dynamic table {{ relation }}
    target_lag = '{{ target_lag }}'
    warehouse = {{ warehouse }}
    refresh_mode = {{ refresh_mode | upper }}
    initialize = {{ initialize | upper }}
    as (
{{ sql }}
    );
{%- endmacro %}

{% macro refresh_dynamic_table(relation) -%}
  {{ return(adapter.dispatch('refresh_dynamic_table', 'dbt')(relation)) }}
{%- endmacro %}

{% macro snowflake__refresh_dynamic_table(relation) -%}
alter dynamic table {{ relation }} refresh;
{%- endmacro %}
