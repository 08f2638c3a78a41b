{#- dbt's utility macros (dbt.cast, set operators, series and date spines, back-compat timestamps), dispatched as dbt dispatches them. -#}

{% macro cast(field, type) -%}
  {{ return(adapter.dispatch('cast', 'dbt')(field, type)) }}
{%- endmacro %}

{% macro default__cast(field, type) -%}
cast({{ field }} as {{ type }})
{%- endmacro %}

{% macro except() -%}
  {{ return(adapter.dispatch('except', 'dbt')()) }}
{%- endmacro %}

{% macro default__except() -%}
except
{%- endmacro %}

{% macro intersect() -%}
  {{ return(adapter.dispatch('intersect', 'dbt')()) }}
{%- endmacro %}

{% macro default__intersect() -%}
intersect
{%- endmacro %}

{#- The smallest n with 2^n >= upper_bound: how many doubling cross joins generate_series needs. -#}
{% macro get_powers_of_two(upper_bound) -%}
  {{ return(adapter.dispatch('get_powers_of_two', 'dbt')(upper_bound)) }}
{%- endmacro %}

{% macro default__get_powers_of_two(upper_bound) -%}
  {%- if upper_bound <= 0 -%}
    {{ exceptions.raise_compiler_error("upper bound must be positive") }}
  {%- endif -%}
  {%- for n in range(1, 100) -%}
    {%- if upper_bound <= 2 ** n -%}{{ return(n) }}{%- endif -%}
  {%- endfor -%}
{%- endmacro %}

{#- Rows generated_number = 1 .. upper_bound, built from cross joins of a two-row relation. -#}
{% macro generate_series(upper_bound) -%}
  {{ return(adapter.dispatch('generate_series', 'dbt')(upper_bound)) }}
{%- endmacro %}

{% macro default__generate_series(upper_bound) -%}
  {%- set n = dbt.get_powers_of_two(upper_bound) %}
with p as (
    select 0 as generated_number union all select 1
), unioned as (
    select
    {% for i in range(n) -%}
    p{{ i }}.generated_number * power(2, {{ i }}){{ ' + ' if not loop.last }}
    {% endfor -%}
    + 1 as generated_number
    from
    {% for i in range(n) -%}
    p as p{{ i }}{{ ' cross join ' if not loop.last }}
    {% endfor %}
)
select *
from unioned
where generated_number <= {{ upper_bound }}
order by generated_number
{%- endmacro %}

{#- How many dateparts lie between two dates, asked of the warehouse (1 before it can be asked). -#}
{% macro get_intervals_between(start_date, end_date, datepart) -%}
  {{ return(adapter.dispatch('get_intervals_between', 'dbt')(start_date, end_date, datepart)) }}
{%- endmacro %}

{% macro default__get_intervals_between(start_date, end_date, datepart) -%}
  {%- call statement('get_intervals_between', fetch_result=True) -%}
    select {{ dbt.datediff(start_date, end_date, datepart) }}
  {%- endcall -%}
  {%- set result = load_result('get_intervals_between') -%}
  {%- if result and result['data'] -%}
    {{ return(result['data'][0][0]) }}
  {%- else -%}
    {{ return(1) }}
  {%- endif -%}
{%- endmacro %}

{#- One row per datepart from start_date (inclusive) to end_date, column date_<datepart>. -#}
{% macro date_spine(datepart, start_date, end_date) -%}
  {{ return(adapter.dispatch('date_spine', 'dbt')(datepart, start_date, end_date)) }}
{%- endmacro %}

{% macro default__date_spine(datepart, start_date, end_date) %}
with rawdata as (
    {{ dbt.generate_series(dbt.get_intervals_between(start_date, end_date, datepart)) }}
),
all_periods as (
    select (
        {{ dbt.dateadd(datepart, "row_number() over (order by 1) - 1", start_date) }}
    ) as date_{{ datepart }}
    from rawdata
),
filtered as (
    select *
    from all_periods
    where date_{{ datepart }} <= {{ end_date }}
)
select * from filtered
{% endmacro %}

{#- Deprecated in dbt, kept for projects moved from dbt_utils.current_timestamp(). -#}
{% macro current_timestamp_backcompat() -%}
  {{ return(adapter.dispatch('current_timestamp_backcompat', 'dbt')()) }}
{%- endmacro %}

{% macro default__current_timestamp_backcompat() -%}
current_timestamp::timestamp
{%- endmacro %}

{% macro current_timestamp_in_utc_backcompat() -%}
  {{ return(adapter.dispatch('current_timestamp_in_utc_backcompat', 'dbt')()) }}
{%- endmacro %}

{% macro default__current_timestamp_in_utc_backcompat() -%}
  {{ return(adapter.dispatch('current_timestamp_backcompat', 'dbt')()) }}
{%- endmacro %}
