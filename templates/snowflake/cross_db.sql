{#- dbt-snowflake's versions of the cross-database macros where Snowflake's SQL differs. -#}

{#- UTC, without a time zone: what dbt-snowflake stores in its timestamp columns. -#}
{% macro snowflake__current_timestamp() -%}
convert_timezone('UTC', current_timestamp())
{%- endmacro %}

{% macro snowflake__type_string() -%}
varchar
{%- endmacro %}

{% macro snowflake__type_timestamp() -%}
timestamp_ntz
{%- endmacro %}

{% macro snowflake__type_float() -%}
float
{%- endmacro %}

{% macro snowflake__dateadd(datepart, interval, from_date_or_timestamp) -%}
dateadd({{ datepart }}, {{ interval }}, {{ from_date_or_timestamp }})
{%- endmacro %}

{% macro snowflake__datediff(first_date, second_date, datepart) -%}
datediff({{ datepart }}, {{ first_date }}, {{ second_date }})
{%- endmacro %}

{#- TRY_CAST only takes text: anything else is cast to varchar first (as dbt-snowflake). -#}
{% macro snowflake__safe_cast(field, type) -%}
{%- if type | lower in ['variant', 'object', 'array'] -%}
cast({{ field }} as {{ type }})
{%- else -%}
try_cast(cast({{ field }} as varchar) as {{ type }})
{%- endif -%}
{%- endmacro %}

{% macro snowflake__bool_or(expression) -%}
boolor_agg({{ expression }})
{%- endmacro %}

{% macro snowflake__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
{%- if limit_num -%}
array_to_string(array_slice(array_agg({{ measure }}){% if order_by_clause %} within group ({{ order_by_clause }}){% endif %}, 0, {{ limit_num }}), {{ delimiter_text }})
{%- else -%}
listagg({{ measure }}, {{ delimiter_text }}){% if order_by_clause %} within group ({{ order_by_clause }}){% endif %}
{%- endif -%}
{%- endmacro %}

{#- Snowflake's RIGHT(x, 0) is the whole string, not ''. -#}
{% macro snowflake__right(string_text, length_expression) -%}
case when {{ length_expression }} = 0 then '' else right({{ string_text }}, {{ length_expression }}) end
{%- endmacro %}

{% macro snowflake__array_construct(inputs, data_type) -%}
array_construct({{ inputs | join(' , ') }})
{%- endmacro %}

{#- Backslash is an escape character in Snowflake string literals too. -#}
{% macro snowflake__escape_single_quotes(expression) -%}
{{ expression | replace("\\", "\\\\") | replace("'", "\\'") }}
{%- endmacro %}

{% macro snowflake__last_day(date, datepart) -%}
{%- if datepart == 'quarter' -%}
{{ default_last_day(date, datepart) }}
{%- else -%}
cast(last_day({{ date }}, '{{ datepart }}') as date)
{%- endif -%}
{%- endmacro %}

{% macro snowflake__current_timestamp_backcompat() -%}
current_timestamp::{{ type_timestamp() }}
{%- endmacro %}

{% macro snowflake__current_timestamp_in_utc_backcompat() -%}
convert_timezone('UTC', current_timestamp::{{ type_timestamp() }})::{{ type_timestamp() }}
{%- endmacro %}
