{#- dbt-postgres' versions of the cross-database macros where Postgres' SQL differs. -#}

{% macro postgres__current_timestamp() -%}
now()
{%- endmacro %}

{% macro postgres__datediff(first_date, second_date, datepart) -%}
{%- if datepart == 'year' -%}
(date_part('year', ({{ second_date }})::date) - date_part('year', ({{ first_date }})::date))
{%- elif datepart == 'quarter' -%}
({{ datediff(first_date, second_date, 'year') }} * 4 + date_part('quarter', ({{ second_date }})::date) - date_part('quarter', ({{ first_date }})::date))
{%- elif datepart == 'month' -%}
({{ datediff(first_date, second_date, 'year') }} * 12 + date_part('month', ({{ second_date }})::date) - date_part('month', ({{ first_date }})::date))
{%- elif datepart == 'day' -%}
(({{ second_date }})::date - ({{ first_date }})::date)
{%- elif datepart == 'week' -%}
({{ datediff(first_date, second_date, 'day') }} / 7 + case
    when date_part('dow', ({{ first_date }})::timestamp) <= date_part('dow', ({{ second_date }})::timestamp) then
        case when {{ first_date }} <= {{ second_date }} then 0 else -1 end
    else
        case when {{ first_date }} <= {{ second_date }} then 1 else 0 end
end)
{%- elif datepart == 'hour' -%}
({{ datediff(first_date, second_date, 'day') }} * 24 + date_part('hour', ({{ second_date }})::timestamp) - date_part('hour', ({{ first_date }})::timestamp))
{%- elif datepart == 'minute' -%}
({{ datediff(first_date, second_date, 'hour') }} * 60 + date_part('minute', ({{ second_date }})::timestamp) - date_part('minute', ({{ first_date }})::timestamp))
{%- elif datepart == 'second' -%}
({{ datediff(first_date, second_date, 'minute') }} * 60 + floor(date_part('second', ({{ second_date }})::timestamp)) - floor(date_part('second', ({{ first_date }})::timestamp)))
{%- elif datepart == 'millisecond' -%}
({{ datediff(first_date, second_date, 'minute') }} * 60000 + floor(date_part('millisecond', ({{ second_date }})::timestamp)) - floor(date_part('millisecond', ({{ first_date }})::timestamp)))
{%- elif datepart == 'microsecond' -%}
({{ datediff(first_date, second_date, 'minute') }} * 60000000 + floor(date_part('microsecond', ({{ second_date }})::timestamp)) - floor(date_part('microsecond', ({{ first_date }})::timestamp)))
{%- else -%}
{{ exceptions.raise_compiler_error("Unsupported datepart for macro datediff in postgres: '" ~ datepart ~ "'") }}
{%- endif -%}
{%- endmacro %}

{#- any_value() arrived in Postgres 16; dbt-postgres uses min(). -#}
{% macro postgres__any_value(expression) -%}
min({{ expression }})
{%- endmacro %}

{% macro postgres__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
{%- if limit_num -%}
array_to_string((array_agg({{ measure }}{% if order_by_clause %} {{ order_by_clause }}{% endif %}))[1:{{ limit_num }}], {{ delimiter_text }})
{%- else -%}
string_agg({{ measure }}, {{ delimiter_text }}{% if order_by_clause %} {{ order_by_clause }}{% endif %})
{%- endif -%}
{%- endmacro %}

{% macro postgres__split_part(string_text, delimiter_text, part_number) -%}
{%- if part_number >= 0 -%}
split_part({{ string_text }}, {{ delimiter_text }}, {{ part_number }})
{%- else -%}
reverse(split_part(reverse({{ string_text }}), reverse({{ delimiter_text }}), {{ part_number | abs }}))
{%- endif -%}
{%- endmacro %}

{% macro postgres__last_day(date, datepart) -%}
{%- if datepart == 'quarter' -%}
cast(date_trunc('quarter', {{ date }}) + interval '3 month' - interval '1 day' as date)
{%- else -%}
{{ default_last_day(date, datepart) }}
{%- endif -%}
{%- endmacro %}

{% macro postgres__current_timestamp_backcompat() -%}
current_timestamp::{{ type_timestamp() }}
{%- endmacro %}

{% macro postgres__current_timestamp_in_utc_backcompat() -%}
(current_timestamp at time zone 'utc')::{{ type_timestamp() }}
{%- endmacro %}
