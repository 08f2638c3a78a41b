{#- Helpers dbt's materializations and packages call: relations from the cache, full-refresh, a query's columns, SQL headers, hooks. -#}

{% macro load_cached_relation(relation) -%}
  {{ return(adapter.get_relation(database=relation.database, schema=relation.schema, identifier=relation.identifier)) }}
{%- endmacro %}

{% macro load_relation(relation) -%}
  {{ return(load_cached_relation(relation)) }}
{%- endmacro %}

{#- The model's full_refresh config when set, else the --full-refresh flag. -#}
{% macro should_full_refresh() -%}
  {%- set configured = config.get('full_refresh') -%}
  {%- if configured is none -%}
    {%- set configured = flags.FULL_REFRESH -%}
  {%- endif -%}
  {{ return(configured) }}
{%- endmacro %}

{% macro get_columns_in_query(select_sql) -%}
  {{ return(adapter.dispatch('get_columns_in_query', 'dbt')(select_sql)) }}
{%- endmacro %}

{% macro default__get_columns_in_query(select_sql) -%}
  {%- call statement('get_columns_in_query', fetch_result=True, auto_begin=False) -%}
    {{ get_empty_subquery_sql(select_sql) }}
  {%- endcall -%}
  {{ return(load_result('get_columns_in_query').table.columns | map(attribute='name') | list) }}
{%- endmacro %}

{% macro get_empty_subquery_sql(select_sql, select_sql_header=none) -%}
  {{ return(adapter.dispatch('get_empty_subquery_sql', 'dbt')(select_sql, select_sql_header)) }}
{%- endmacro %}

{% macro default__get_empty_subquery_sql(select_sql, select_sql_header=none) -%}
  {%- if select_sql_header is not none -%}{{ select_sql_header }}{%- endif %}
select * from (
    {{ select_sql }}
) as __dbt_sbq
where false
limit 0
{%- endmacro %}

{% macro set_sql_header(config) -%}
  {{ config.set('sql_header', caller()) }}
{%- endmacro %}

{#- Runs the hooks of one phase (inside or outside the transaction), each rendered in the node's context. -#}
{% macro run_hooks(hooks, inside_transaction=True) -%}
  {%- for hook in hooks | selectattr('transaction', 'equalto', inside_transaction) -%}
    {%- if not inside_transaction and loop.first -%}
      {%- call statement(auto_begin=inside_transaction) -%}
        commit;
      {%- endcall -%}
    {%- endif -%}
    {%- set rendered = render(hook.get('sql')) | trim -%}
    {%- if rendered | length > 0 -%}
      {%- call statement(auto_begin=inside_transaction) -%}
        {{ rendered }}
      {%- endcall -%}
    {%- endif -%}
  {%- endfor -%}
{%- endmacro %}

{#- Called by materializations; tx persists no docs and applies no grants (see README), so these do nothing. -#}
{% macro persist_docs(relation, model, for_relation=true, for_columns=true) -%}
{%- endmacro %}

{% macro apply_grants(relation, grant_config, should_revoke=True) -%}
{%- endmacro %}

{% macro should_revoke(existing_relation, full_refresh_mode=True) -%}
  {{ return(False) }}
{%- endmacro %}

{% macro copy_grants() -%}
  {{ return(True) }}
{%- endmacro %}

{% macro create_indexes(relation) -%}
{%- endmacro %}
