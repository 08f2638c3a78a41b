{#- dbt-bigquery's versions of the cross-database macros where GoogleSQL differs. -#}

{% macro bigquery__current_timestamp() -%}
current_timestamp()
{%- endmacro %}

{% macro bigquery__type_string() -%}
string
{%- endmacro %}

{% macro bigquery__type_timestamp() -%}
timestamp
{%- endmacro %}

{% macro bigquery__type_int() -%}
int64
{%- endmacro %}

{% macro bigquery__type_bigint() -%}
int64
{%- endmacro %}

{% macro bigquery__type_float() -%}
float64
{%- endmacro %}

{% macro bigquery__type_numeric() -%}
numeric
{%- endmacro %}

{% macro bigquery__type_boolean() -%}
bool
{%- endmacro %}

{% macro bigquery__date_trunc(datepart, date) -%}
timestamp_trunc(cast({{ date }} as timestamp), {{ datepart }})
{%- endmacro %}

{% macro bigquery__dateadd(datepart, interval, from_date_or_timestamp) -%}
datetime_add(cast({{ from_date_or_timestamp }} as datetime), interval {{ interval }} {{ datepart }})
{%- endmacro %}

{% macro bigquery__datediff(first_date, second_date, datepart) -%}
{%- if datepart | lower == 'week' -%}
date_diff(date({{ second_date }}), date({{ first_date }}), week)
{%- else -%}
datetime_diff(cast({{ second_date }} as datetime), cast({{ first_date }} as datetime), {{ datepart }})
{%- endif -%}
{%- endmacro %}

{% macro bigquery__hash(field) -%}
to_hex(md5(cast({{ field }} as string)))
{%- endmacro %}

{% macro bigquery__safe_cast(field, type) -%}
safe_cast({{ field }} as {{ type }})
{%- endmacro %}

{% macro bigquery__bool_or(expression) -%}
logical_or({{ expression }})
{%- endmacro %}

{% macro bigquery__split_part(string_text, delimiter_text, part_number) -%}
{%- if part_number >= 0 -%}
split({{ string_text }}, {{ delimiter_text }})[safe_offset({{ part_number - 1 }})]
{%- else -%}
split({{ string_text }}, {{ delimiter_text }})[safe_offset(length({{ string_text }}) - length(replace({{ string_text }}, {{ delimiter_text }}, '')) + 1 + {{ part_number }})]
{%- endif -%}
{%- endmacro %}

{% macro bigquery__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
string_agg({{ measure }}, {{ delimiter_text }}{% if order_by_clause %} {{ order_by_clause }}{% endif %}{% if limit_num %} limit {{ limit_num }}{% endif %})
{%- endmacro %}

{% macro bigquery__position(substring_text, string_text) -%}
strpos({{ string_text }}, {{ substring_text }})
{%- endmacro %}

{% macro bigquery__right(string_text, length_expression) -%}
case when {{ length_expression }} = 0 then '' else substr({{ string_text }}, -1 * ({{ length_expression }})) end
{%- endmacro %}

{% macro bigquery__escape_single_quotes(expression) -%}
{{ expression | replace("'", "\\'") }}
{%- endmacro %}

{% macro bigquery__array_construct(inputs, data_type) -%}
{%- if inputs | length > 0 -%}[ {{ inputs | join(' , ') }} ]{%- else -%}array<{{ data_type or 'int64' }}>[]{%- endif -%}
{%- endmacro %}

{% macro bigquery__last_day(date, datepart) -%}
last_day({{ date }}, {{ datepart }})
{%- endmacro %}

{% macro bigquery__except() -%}
except distinct
{%- endmacro %}

{% macro bigquery__intersect() -%}
intersect distinct
{%- endmacro %}

{% macro bigquery__current_timestamp_backcompat() -%}
current_timestamp
{%- endmacro %}
