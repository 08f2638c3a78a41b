{#
  rolling_sum(expr, days): sum of `expr` over the trailing `days` calendar days, the current
  day included, per user ordered by feature_date. A RANGE frame (not ROWS) so days without
  activity count as days: a 7-day window is 7 calendar days, however many rows it holds.
  Dispatched because the interval syntax of a RANGE frame differs between warehouses.
#}
{% macro rolling_sum(expr, days, partition_by='user_id', order_by='feature_date') -%}
    {{ return(adapter.dispatch('rolling_sum', 'tx_example')(expr, days, partition_by, order_by)) }}
{%- endmacro %}

{#- SQL standard: Postgres, Snowflake. -#}
{% macro default__rolling_sum(expr, days, partition_by, order_by) -%}
    sum({{ expr }}) over (
        partition by {{ partition_by }}
        order by {{ order_by }}
        range between interval '{{ days - 1 }}' day preceding and current row
    )
{%- endmacro %}

{% macro duckdb__rolling_sum(expr, days, partition_by, order_by) -%}
    sum({{ expr }}) over (
        partition by {{ partition_by }}
        order by {{ order_by }}
        range between interval {{ days - 1 }} days preceding and current row
    )
{%- endmacro %}

{#- GoogleSQL: a RANGE frame needs a numeric ORDER BY, so days are counted with unix_date(). -#}
{% macro bigquery__rolling_sum(expr, days, partition_by, order_by) -%}
    sum({{ expr }}) over (
        partition by {{ partition_by }}
        order by unix_date({{ order_by }})
        range between {{ days - 1 }} preceding and current row
    )
{%- endmacro %}
