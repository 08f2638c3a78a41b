{#- dbt-snowflake's DDL where Snowflake differs from dbt's defaults: transient tables by default,
    clustering, copy grants, secure views, typed renames and drops, and the per-model session
    settings (snowflake_warehouse, query_tag) that the connection resets before the next node. -#}

{#- `use warehouse` / `alter session set query_tag` for the model's snowflake_warehouse and query_tag. -#}
{% macro snowflake__session_setup() -%}
  {%- set warehouse = config.get('snowflake_warehouse', none) if config is defined else none -%}
  {%- set query_tag = config.get('query_tag', none) if config is defined else none -%}
  {%- if warehouse %}use warehouse {{ warehouse }};
{% endif -%}
  {%- if query_tag %}alter session set query_tag = '{{ query_tag | replace("\\", "\\\\") | replace("'", "\\'") }}';
{% endif -%}
{%- endmacro %}

{#- A temporary relation tx names without schema (tx's shared plans) lives beside the model, as
    dbt-snowflake's do: a session whose schema did not exist at login has no current schema. -#}
{% macro snowflake__qualify_temp(relation) -%}
  {%- if relation is not none and not relation.schema and this is defined and this is not none -%}
    {{ return(relation.incorporate(path={"database": this.database, "schema": this.schema})) }}
  {%- endif -%}
  {{ return(relation) }}
{%- endmacro %}

{#- transient (the default), or permanent with `transient: false`; temporary for tx's scratch tables. -#}
{% macro snowflake__table_kind(temporary) -%}
  {%- if temporary -%}temporary
  {%- elif (config.get('transient', true) if config is defined else true) -%}transient
  {%- endif -%}
{%- endmacro %}

{% macro snowflake__create_table_as(temporary, relation, compiled_code, language='sql') -%}
  {%- set sql = compiled_code -%}
  {%- if language != 'sql' -%}
    {{ exceptions.raise_compiler_error("snowflake__create_table_as: only SQL models are supported, got " ~ language) }}
  {%- endif -%}
  {%- set relation = snowflake__qualify_temp(relation) if temporary else relation -%}
  {%- set cluster_by = config.get('cluster_by', none) if config is defined else none -%}
  {%- if cluster_by is string -%}{%- set cluster_by = [cluster_by] -%}{%- endif -%}
  {%- set cluster_by_string = cluster_by | join(', ') if cluster_by else none -%}
  {%- set automatic_clustering = config.get('automatic_clustering', false) if config is defined else false -%}
  {%- set copy_grants = config.get('copy_grants', false) if config is defined else false -%}
  {%- set sql_header = config.get('sql_header', none) if config is defined else none -%}
  {%- set kind = snowflake__table_kind(temporary) | trim -%}
  {%- if not temporary %}{{ snowflake__session_setup() }}{% endif -%}
  {%- if sql_header %}{{ sql_header }}
{% endif -%}
create or replace {% if kind %}{{ kind }} {% endif %}table {{ relation }}
{%- if contract_enforced() and not temporary %}
{{ get_assert_columns_equivalent(sql) }}{{ get_table_columns_and_constraints() }}
{%- set sql = get_select_subquery(sql) %}
{%- endif %}
{%- if copy_grants and not temporary %} copy grants{% endif %} as (
{%- if cluster_by_string %}
select * from (
{{ sql }}
) order by ({{ cluster_by_string }})
{%- else %}
{{ sql }}
{%- endif %}
);
{%- if cluster_by_string and not temporary %}
alter table {{ relation }} cluster by ({{ cluster_by_string }});
{%- if automatic_clustering %}
alter table {{ relation }} resume recluster;
{%- endif %}
{%- endif %}
{%- endmacro %}

{% macro snowflake__create_view_as(relation, sql) -%}
  {%- set secure = config.get('secure', false) if config is defined else false -%}
  {%- set copy_grants = config.get('copy_grants', false) if config is defined else false -%}
  {%- set sql_header = config.get('sql_header', none) if config is defined else none -%}
  {{- snowflake__session_setup() -}}
  {%- if sql_header %}{{ sql_header }}
{% endif -%}
create or replace {% if secure %}secure {% endif %}view {{ relation }}
{%- if copy_grants %} copy grants{% endif %} as (
{{ sql }}
);
{%- endmacro %}

{#- ALTER TABLE does not rename a view in Snowflake; an unqualified new name would move the
    relation into the session's current schema, so the new name is fully qualified. -#}
{% macro snowflake__rename_relation(from_relation, to_relation) -%}
  {%- set kind = {'view': 'view', 'materialized_view': 'materialized view', 'dynamic_table': 'dynamic table'}.get(from_relation.type, 'table') -%}
alter {{ kind }} {{ from_relation }} rename to {{ to_relation }};
{%- endmacro %}

{% macro snowflake__get_drop_sql(relation) -%}
  {%- set relation = snowflake__qualify_temp(relation) -%}
  {%- set kind = {'view': 'view', 'materialized_view': 'materialized view', 'dynamic_table': 'dynamic table'}.get(relation.type, 'table') -%}
drop {{ kind }} if exists {{ relation }}{% if kind in ['table', 'view'] %} cascade{% endif %};
{%- endmacro %}

{% macro snowflake__truncate_relation(relation) -%}
truncate table if exists {{ relation }};
{%- endmacro %}

{% macro snowflake__create_schema(relation) -%}
create schema if not exists {{ relation.without_identifier() }};
{%- endmacro %}

{% macro snowflake__drop_schema(relation) -%}
drop schema if exists {{ relation.without_identifier() }} cascade;
{%- endmacro %}

{#- Snowflake changes a column's type in place (widening only, as dbt-snowflake). -#}
{% macro snowflake__alter_column_type(relation, column_name, new_column_type) -%}
alter table {{ relation }} alter column {{ adapter.quote(column_name) }} set data type {{ new_column_type }};
{%- endmacro %}

{#- One statement per column: each is valid Snowflake, and each fails or succeeds on its own. -#}
{% macro snowflake__alter_relation_add_remove_columns(relation, add_columns, remove_columns) -%}
  {%- for column in (add_columns or []) %}
alter table {{ relation }} add column {{ column.quoted }} {{ column.data_type }};
  {%- endfor %}
  {%- for column in (remove_columns or []) %}
alter table {{ relation }} drop column {{ column.quoted }};
  {%- endfor %}
{%- endmacro %}

{#- dbt-snowflake's clone: zero-copy, of the kind the model's tables are (transient by default),
    with the source's grants when the model sets copy_grants. -#}
{% macro snowflake__create_or_replace_clone(this_relation, defer_relation) -%}
  {%- set kind = snowflake__table_kind(false) | trim -%}
  {%- set copy_grants = config.get('copy_grants', false) if config is defined else false -%}
create or replace {% if kind %}{{ kind }} {% endif %}table {{ this_relation }} clone {{ defer_relation }}{% if copy_grants %} copy grants{% endif %};
{%- endmacro %}

{#- The staged copy replaces the table after SWAP WITH: a clone keeps grants only with COPY GRANTS,
    so it always copies them, whatever copy_grants says (dbt-snowflake alters the live table). -#}
{% macro snowflake__stage_table_copy(staged_relation, target_relation) -%}
  {%- set kind = snowflake__table_kind(false) | trim -%}
create or replace {% if kind %}{{ kind }} {% endif %}table {{ staged_relation }} clone {{ target_relation }} copy grants;
{%- endmacro %}

{#- SWAP WITH exchanges the two tables' names in one atomic statement. -#}
{% macro snowflake__swap_staged_table(target_relation, staged_relation) -%}
alter table {{ target_relation }} swap with {{ staged_relation }};
{%- endmacro %}
