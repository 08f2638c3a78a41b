{#-
  dbt-postgres' intermediate / backup / temp relation names: Postgres truncates identifiers past
  63 characters, so the base name is cut to leave room for the suffix (a long model's
  __dbt_tmp would otherwise collide with the model itself). dbt-postgres adds a clock-based
  suffix to temp names; tx keeps output deterministic and adds none.
-#}

{% macro postgres__make_relation_with_suffix(base_relation, suffix) -%}
  {%- set relation_max_name_length = 63 -%}
  {%- set suffix_length = suffix | length -%}
  {%- if suffix_length > relation_max_name_length -%}
    {%- do exceptions.raise_compiler_error('Relation suffix is too long (' ~ suffix_length ~ ' characters). Maximum length is ' ~ relation_max_name_length ~ ' characters.') -%}
  {%- endif -%}
  {%- set identifier = base_relation.identifier[:relation_max_name_length - suffix_length] ~ suffix -%}
  {{ return(base_relation.incorporate(path={"identifier": identifier})) }}
{%- endmacro %}

{% macro postgres__make_intermediate_relation(base_relation, suffix) -%}
  {{ return(postgres__make_relation_with_suffix(base_relation, suffix)) }}
{%- endmacro %}

{% macro postgres__make_temp_relation(base_relation, suffix) -%}
  {%- set temp_relation = postgres__make_relation_with_suffix(base_relation, suffix) -%}
  {#- Temporary tables live in pg_temp: render the bare name (dbt-postgres sets schema and database to none). -#}
  {{ return(temp_relation.include(database=false, schema=false)) }}
{%- endmacro %}

{% macro postgres__make_backup_relation(base_relation, backup_relation_type, suffix) -%}
  {%- set backup_relation = postgres__make_relation_with_suffix(base_relation, suffix) -%}
  {{ return(backup_relation.incorporate(type=backup_relation_type)) }}
{%- endmacro %}
