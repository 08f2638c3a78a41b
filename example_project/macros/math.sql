{# Division that returns null instead of failing or returning inf when the denominator is 0 or null.
   The numerator is cast with dbt's cross-database float type, so integers divide as decimals on
   every warehouse (Postgres would otherwise divide integers as integers). #}
{% macro safe_divide(numerator, denominator) -%}
    case
        when ({{ denominator }}) is null or ({{ denominator }}) = 0 then null
        else cast({{ numerator }} as {{ dbt.type_float() }}) / ({{ denominator }})
    end
{%- endmacro %}

{# dbt's type_float() is `float`, which DuckDB reads as a 32-bit REAL; every other warehouse's
   float is 64-bit. A project-level override (dbt's dispatch finds it before dbt's own) keeps the
   same precision everywhere. #}
{% macro duckdb__type_float() -%}
double
{%- endmacro %}

{# Money rounded to cents, as a fixed-point decimal. #}
{% macro round_money(expr, scale=2) -%}
    cast(round({{ expr }}, {{ scale }}) as decimal(18, {{ scale }}))
{%- endmacro %}

{# The median, for the analysis: an ordered-set aggregate on most warehouses, approximate
   quantiles on BigQuery (whose percentile_cont is a window function only). #}
{% macro median(expr) -%}
    {{ return(adapter.dispatch('median', 'tx_example')(expr)) }}
{%- endmacro %}

{% macro default__median(expr) -%}
    percentile_cont(0.5) within group (order by {{ expr }})
{%- endmacro %}

{% macro bigquery__median(expr) -%}
    approx_quantiles({{ expr }}, 2)[offset(1)]
{%- endmacro %}
