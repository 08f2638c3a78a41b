{#- A query that keeps the warehouse busy until it is cancelled. -#}
{% macro slow_select() -%}
    {{ return(adapter.dispatch('slow_select', 'conformance')()) }}
{%- endmacro %}

{% macro default__slow_select() -%}
select sum(a.i * b.i) as s from range(400000) a(i), range(400000) b(i)
{%- endmacro %}

{% macro postgres__slow_select() -%}
select 1 as s from pg_sleep(30)
{%- endmacro %}

{% macro snowflake__slow_select() -%}
select system$wait(30) as s
{%- endmacro %}

{#- The BigQuery fake sleeps on this hint (test/fakes/bigquery); real BigQuery would not. -#}
{% macro bigquery__slow_select() -%}
select 1 as s /* fake:sleep_ms=30000 */
{%- endmacro %}
