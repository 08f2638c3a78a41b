{#- dbt-bigquery's relation DDL. Tables and views are replaced in place (CREATE OR REPLACE: BigQuery
    has no transactional DDL); temporary relations are session temporary tables, which the
    connection runs in a BigQuery session. -#}

{% macro bigquery__create_table_as(temporary, relation, compiled_code, language='sql') -%}
  {%- set sql_header = config.get('sql_header', none) if config is defined else none -%}
  {%- set pc = bq_partition_config(config.get('partition_by', none)) if config is defined else none -%}
  {%- set sql = compiled_code -%}
  {%- if sql_header %}{{ sql_header }}
{% endif -%}
  {%- if temporary and pc is not none and '_dbt_max_partition' in sql %}{{ bq_declare_max_partition(pc) }}
{% endif -%}
create or replace {% if temporary %}temp {% endif %}table {{ relation }}
{%- if contract_enforced() and not temporary %}
{{ get_table_columns_and_constraints() }}
{%- set sql = get_select_subquery(sql) %}
{%- endif %}
{%- if not temporary %}
{%- set partition = bq_partition_clause(pc) %}
{%- set cluster = bq_cluster_clause(config.get('cluster_by', none) if config is defined else none) %}
{%- set options = bigquery_table_options('table') if config is defined else '' %}
{%- if partition %}
{{ partition }}
{%- endif %}
{%- if cluster %}
{{ cluster }}
{%- endif %}
{%- if options %}
{{ options }}
{%- endif %}
{%- endif %}
as (
{{ sql }}
);
{%- endmacro %}

{#- dbt-bigquery's declare_dbt_max_partition: the newest partition already built, for models that
    filter on `_dbt_max_partition` (a script variable, so the statement becomes a script). -#}
{% macro bq_declare_max_partition(pc) -%}
declare _dbt_max_partition {{ pc.data_type }} default (
  select max({{ pc.field }}) from {{ this }}
  where {{ pc.field }} is not null
);
{%- endmacro %}

{#- BigQuery declares primary and foreign keys NOT ENFORCED. -#}
{% macro bigquery__get_table_columns_and_constraints() -%}
  {%- set column_constraints = adapter.render_raw_columns_constraints(raw_columns=model['columns']) -%}
  {%- set model_constraints = adapter.render_raw_model_constraints(raw_constraints=model['constraints']) -%}
  {%- set items = [] -%}
  {%- for c in column_constraints -%}
    {%- do items.append(c | replace(' primary key', ' primary key not enforced')) -%}
  {%- endfor -%}
  {%- for c in model_constraints -%}
    {%- do items.append(c ~ (' not enforced' if ('primary key' in c or 'foreign key' in c) else '')) -%}
  {%- endfor -%}
(
{%- for c in items %}
    {{ c }}{{ "," if not loop.last }}
{%- endfor %}
)
{%- endmacro %}

{% macro bigquery__create_view_as(relation, sql) -%}
  {%- set sql_header = config.get('sql_header', none) if config is defined else none -%}
  {%- set options = bigquery_table_options('view') if config is defined else '' -%}
  {%- if sql_header %}{{ sql_header }}
{% endif -%}
create or replace view {{ relation }}
{%- if options %}
{{ options }}
{%- endif %}
as (
{{ sql }}
);
{%- endmacro %}

{#- ALTER TABLE … RENAME TO works for tables; BigQuery cannot rename a view. -#}
{% macro bigquery__rename_relation(from_relation, to_relation) -%}
  {%- if from_relation.type == 'view' -%}
    {{ exceptions.raise_compiler_error('BigQuery cannot rename a view (' ~ from_relation ~ '): it is dropped and created instead') }}
  {%- endif -%}
alter table {{ from_relation }} rename to {{ adapter.quote(to_relation.identifier) }};
{%- endmacro %}

{% macro bigquery__get_drop_sql(relation) -%}
drop {{ 'materialized view' if relation.type == 'materialized_view' else ('view' if relation.type == 'view' else ('external table' if relation.type == 'external' else 'table')) }} if exists {{ relation }};
{%- endmacro %}

{% macro bigquery__truncate_relation(relation) -%}
truncate table {{ relation }};
{%- endmacro %}

{#- A schema is a dataset; it is created in the profile's location. -#}
{% macro bigquery__create_schema(relation) -%}
create schema if not exists {{ relation.without_identifier() }}
{%- if target.location %}
options(location={{ bq_string(target.location) }})
{%- endif %};
{%- endmacro %}

{% macro bigquery__drop_schema(relation) -%}
drop schema if exists {{ relation.without_identifier() }} cascade;
{%- endmacro %}

{#- One ALTER TABLE with every added and dropped column (BigQuery takes several actions at once). -#}
{% macro bigquery__alter_relation_add_remove_columns(relation, add_columns, remove_columns) -%}
  {%- set actions = [] -%}
  {%- for column in (add_columns or []) -%}
    {%- do actions.append('add column ' ~ column.quoted ~ ' ' ~ column.data_type) -%}
  {%- endfor -%}
  {%- for column in (remove_columns or []) -%}
    {%- do actions.append('drop column ' ~ column.quoted) -%}
  {%- endfor -%}
  {%- if actions -%}
alter table {{ relation }}
    {{ actions | join(',\n    ') }};
  {%- endif -%}
{%- endmacro %}

{#- BigQuery widens a column's type in place (INT64 → NUMERIC → BIGNUMERIC/FLOAT64, …). -#}
{% macro bigquery__alter_column_type(relation, column_name, new_column_type) -%}
alter table {{ relation }} alter column {{ adapter.quote(column_name) }} set data type {{ new_column_type }};
{%- endmacro %}

{% macro bigquery__create_columns(relation, columns) -%}
  {%- if columns -%}
alter table {{ relation }}
  {%- for column in columns %}
    add column {{ adapter.quote(column.name) }} {{ column.expanded_data_type }}{{ ',' if not loop.last else ';' }}
  {%- endfor -%}
  {%- endif -%}
{%- endmacro %}

{#- dbt-bigquery's clone: a table clone (storage shared until either side changes). -#}
{% macro bigquery__create_or_replace_clone(this_relation, defer_relation) -%}
create or replace table {{ this_relation }} clone {{ defer_relation }};
{%- endmacro %}

{#- The table is replaced by a clone of the staged copy in one statement (CREATE OR REPLACE is atomic
    for readers); its partitioning and clustering come with the clone. -#}
{% macro bigquery__swap_staged_table(target_relation, staged_relation) -%}
create or replace table {{ target_relation }} clone {{ staged_relation }};
{%- endmacro %}
