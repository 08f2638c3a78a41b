{#- dbt-duckdb's versions of the cross-database macros where DuckDB's SQL differs. -#}

{% macro duckdb__current_timestamp() -%}
now()
{%- endmacro %}

{% macro duckdb__dateadd(datepart, interval, from_date_or_timestamp) -%}
date_add({{ from_date_or_timestamp }}, interval ({{ interval }}) {{ datepart }})
{%- endmacro %}

{% macro duckdb__datediff(first_date, second_date, datepart) -%}
date_diff('{{ datepart }}', {{ first_date }}::timestamp, {{ second_date }}::timestamp)
{%- endmacro %}

{% macro duckdb__safe_cast(field, type) -%}
try_cast({{ field }} as {{ type }})
{%- endmacro %}

{% macro duckdb__split_part(string_text, delimiter_text, part_number) -%}
coalesce(string_split({{ string_text }}, {{ delimiter_text }})[ {{ part_number }} ], '')
{%- endmacro %}

{% macro duckdb__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
{%- if limit_num -%}
list_aggr((array_agg({{ measure }}{% if order_by_clause %} {{ order_by_clause }}{% endif %}))[1:{{ limit_num }}], 'string_agg', {{ delimiter_text }})
{%- else -%}
string_agg({{ measure }}, {{ delimiter_text }}{% if order_by_clause %} {{ order_by_clause }}{% endif %})
{%- endif -%}
{%- endmacro %}

{% macro duckdb__right(string_text, length_expression) -%}
case when {{ length_expression }} = 0 then '' else right({{ string_text }}, {{ length_expression }}) end
{%- endmacro %}

{% macro duckdb__array_construct(inputs, data_type) -%}
{%- if inputs | length > 0 -%}[ {{ inputs | join(' , ') }} ]{%- else -%}[]{%- endif -%}
{%- endmacro %}

{% macro duckdb__last_day(date, datepart) -%}
{%- if datepart == 'quarter' -%}
cast(date_trunc('quarter', {{ date }}) + interval 3 month - interval 1 day as date)
{%- else -%}
{{ default_last_day(date, datepart) }}
{%- endif -%}
{%- endmacro %}

{#- dbt-duckdb: DuckDB's own generate_series. -#}
{% macro duckdb__generate_series(upper_bound) -%}
select generate_series as generated_number
from generate_series(1, {{ upper_bound }})
{%- endmacro %}
