{% macro bigquery__can_clone_table() -%}
  {{ return(True) }}
{%- endmacro %}
