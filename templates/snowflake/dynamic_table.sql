{#- dbt-snowflake's dynamic tables (materialized='dynamic_table'): Snowflake keeps the table
    refreshed from its query within target_lag, on snowflake_warehouse. src/materialize/dynamic-table.ts
    decides, as dbt-snowflake's materialization does, between create, replace (full refresh, another
    kind of relation in the way, a changed query or refresh_mode) and alter (target_lag,
    warehouse); these render the statements. -#}

{% macro dynamic_table_options(relation) -%}
  {%- set target_lag = config.get('target_lag', none) -%}
  {%- set warehouse = config.get('snowflake_warehouse', none) or target.warehouse -%}
  {%- set refresh_mode = config.get('refresh_mode', none) -%}
  {%- set initialize = config.get('initialize', none) -%}
  {%- if not target_lag -%}
    {{ exceptions.raise_compiler_error("dynamic table " ~ relation ~ " needs a target_lag config (e.g. '1 hour', or 'downstream')") }}
  {%- endif -%}
  {%- if not warehouse -%}
    {{ exceptions.raise_compiler_error("dynamic table " ~ relation ~ " needs snowflake_warehouse (or a warehouse in the profile)") }}
  {%- endif -%}
  {%- if refresh_mode and refresh_mode | upper not in ['AUTO', 'FULL', 'INCREMENTAL'] -%}
    {{ exceptions.raise_compiler_error("refresh_mode must be AUTO, FULL or INCREMENTAL, got " ~ refresh_mode) }}
  {%- endif -%}
  {%- if initialize and initialize | upper not in ['ON_CREATE', 'ON_SCHEDULE'] -%}
    {{ exceptions.raise_compiler_error("initialize must be ON_CREATE or ON_SCHEDULE, got " ~ initialize) }}
  {%- endif %}
    target_lag = '{{ target_lag }}'
    warehouse = {{ warehouse }}
{%- if refresh_mode %}
    refresh_mode = {{ refresh_mode | upper }}
{%- endif %}
{%- if initialize %}
    initialize = {{ initialize | upper }}
{%- endif %}
{%- endmacro %}

{% macro get_create_dynamic_table_as_sql(relation, sql) -%}
  {{ return(adapter.dispatch('get_create_dynamic_table_as_sql', 'dbt')(relation, sql)) }}
{%- endmacro %}

{% macro default__get_create_dynamic_table_as_sql(relation, sql) -%}
  {{ exceptions.raise_not_implemented('dynamic tables are not implemented for adapter ' ~ adapter.type()) }}
{%- endmacro %}

{% macro snowflake__get_create_dynamic_table_as_sql(relation, sql) -%}
create {% if config.get('transient', false) %}transient {% endif %}dynamic table {{ relation }}{{ dynamic_table_options(relation) }}
    as (
{{ sql }}
    );
{%- endmacro %}

{% macro get_replace_dynamic_table_sql(relation, sql) -%}
  {{ return(adapter.dispatch('get_replace_dynamic_table_sql', 'dbt')(relation, sql)) }}
{%- endmacro %}

{% macro default__get_replace_dynamic_table_sql(relation, sql) -%}
  {{ exceptions.raise_not_implemented('dynamic tables are not implemented for adapter ' ~ adapter.type()) }}
{%- endmacro %}

{% macro snowflake__get_replace_dynamic_table_sql(relation, sql) -%}
create or replace {% if config.get('transient', false) %}transient {% endif %}dynamic table {{ relation }}{{ dynamic_table_options(relation) }}
    as (
{{ sql }}
    );
{%- endmacro %}

{#- changes: the settings Snowflake alters in place, only those that changed (target_lag, snowflake_warehouse). -#}
{% macro get_alter_dynamic_table_sql(relation, changes) -%}
  {{ return(adapter.dispatch('get_alter_dynamic_table_sql', 'dbt')(relation, changes)) }}
{%- endmacro %}

{% macro default__get_alter_dynamic_table_sql(relation, changes) -%}
  {{ exceptions.raise_not_implemented('dynamic tables are not implemented for adapter ' ~ adapter.type()) }}
{%- endmacro %}

{% macro snowflake__get_alter_dynamic_table_sql(relation, changes) -%}
alter dynamic table {{ relation }} set
{%- if changes.get('target_lag') %}
    target_lag = '{{ changes.get('target_lag') }}'
{%- endif %}
{%- if changes.get('snowflake_warehouse') %}
    warehouse = {{ changes.get('snowflake_warehouse') }}
{%- endif %};
{%- endmacro %}

{% macro refresh_dynamic_table(relation) -%}
  {{ return(adapter.dispatch('refresh_dynamic_table', 'dbt')(relation)) }}
{%- endmacro %}

{% macro snowflake__refresh_dynamic_table(relation) -%}
alter dynamic table {{ relation }} refresh;
{%- endmacro %}

{#- What the warehouse says about an existing dynamic table (dbt-snowflake's describe): the
    columns name, text, target_lag, warehouse and refresh_mode are read from its rows. -#}
{% macro describe_dynamic_table_sql(relation) -%}
  {{ return(adapter.dispatch('describe_dynamic_table_sql', 'dbt')(relation)) }}
{%- endmacro %}

{% macro default__describe_dynamic_table_sql(relation) -%}
  {{ exceptions.raise_not_implemented('dynamic tables are not implemented for adapter ' ~ adapter.type()) }}
{%- endmacro %}

{% macro snowflake__describe_dynamic_table_sql(relation) -%}
show dynamic tables like '{{ relation.identifier }}' in schema {{ relation.database }}.{{ relation.schema }}
{%- endmacro %}
