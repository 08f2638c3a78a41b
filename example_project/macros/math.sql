{# Division that returns null instead of failing or returning inf when the denominator is 0 or null. #}
{% macro safe_divide(numerator, denominator) -%}
    case
        when ({{ denominator }}) is null or ({{ denominator }}) = 0 then null
        else cast({{ numerator }} as double) / ({{ denominator }})
    end
{%- endmacro %}

{# Money rounded to cents, as a fixed-point decimal. #}
{% macro round_money(expr, scale=2) -%}
    cast(round({{ expr }}, {{ scale }}) as decimal(18, {{ scale }}))
{%- endmacro %}
