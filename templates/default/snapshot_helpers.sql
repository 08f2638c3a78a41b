{#- Helpers the snapshot macros call (dbt-adapters snapshots/helpers.sql, strategies.sql): meta column
    names, unique key fields and joins, the columns the check strategy compares. -#}

{% macro get_snapshot_table_column_names() -%}
  {{ return({'dbt_valid_to': 'dbt_valid_to', 'dbt_valid_from': 'dbt_valid_from', 'dbt_scd_id': 'dbt_scd_id', 'dbt_updated_at': 'dbt_updated_at', 'dbt_is_deleted': 'dbt_is_deleted'}) }}
{%- endmacro %}

{% macro snapshot_unique_key_is_list(unique_key) -%}
  {{ return(unique_key is sequence and unique_key is not string and unique_key is not mapping) }}
{%- endmacro %}

{% macro get_true_sql() -%}
  {{ adapter.dispatch('get_true_sql', 'dbt')() }}
{%- endmacro %}

{% macro default__get_true_sql() -%}
  {{ return('TRUE') }}
{%- endmacro %}

{% macro snapshot_scd_args(primary_key, updated_at) -%}
  {%- if snapshot_unique_key_is_list(primary_key) -%}
    {{ return(primary_key + [updated_at]) }}
  {%- else -%}
    {{ return([primary_key, updated_at]) }}
  {%- endif -%}
{%- endmacro %}

{% macro snapshot_check_all_get_existing_columns(node, target_exists, check_cols_config) -%}
    {%- if not target_exists -%}
        {#-- no table yet: every checked column is new, nothing to compare --#}
        {{ return((false, [])) }}
    {%- endif -%}
    {%- set target_relation = adapter.get_relation(database=node.database, schema=node.schema, identifier=node.alias) -%}
    {%- if check_cols_config == 'all' -%}
        {%- set query_columns = get_columns_in_query(node['compiled_code']) -%}
    {%- elif check_cols_config is iterable and (check_cols_config | length) > 0 -%}
        {%- set query_columns = check_cols_config -%}
    {%- else -%}
        {% do exceptions.raise_compiler_error("Invalid value for 'check_cols': " ~ check_cols_config) %}
    {%- endif -%}
    {%- set existing_cols = adapter.get_columns_in_relation(target_relation) | map(attribute='name') | map('lower') | list -%}
    {%- set ns = namespace(column_added=false) -%}
    {%- set intersection = [] -%}
    {%- for col in query_columns -%}
        {%- if (col | lower) in existing_cols -%}
            {%- do intersection.append(adapter.quote(col)) -%}
        {%- else -%}
            {%- set ns.column_added = true -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return((ns.column_added, intersection)) }}
{%- endmacro %}

{% macro unique_key_fields(unique_key) -%}
    {%- if snapshot_unique_key_is_list(unique_key) -%}
        {%- for key in unique_key -%}
            {{ key }} as dbt_unique_key_{{ loop.index }}
            {%- if not loop.last %}, {% endif -%}
        {%- endfor -%}
    {%- else -%}
        {{ unique_key }} as dbt_unique_key
    {%- endif -%}
{%- endmacro %}

{% macro unique_key_join_on(unique_key, identifier, from_identifier) -%}
    {%- if snapshot_unique_key_is_list(unique_key) -%}
        {%- for key in unique_key -%}
            {{ equals(identifier ~ ".dbt_unique_key_" ~ loop.index, from_identifier ~ ".dbt_unique_key_" ~ loop.index) }}
            {%- if not loop.last %} and {% endif -%}
        {%- endfor -%}
    {%- else -%}
        {{ identifier }}.dbt_unique_key = {{ from_identifier }}.dbt_unique_key
    {%- endif -%}
{%- endmacro %}

{% macro unique_key_is_null(unique_key, identifier) -%}
    {%- if snapshot_unique_key_is_list(unique_key) -%}
        {{ identifier }}.dbt_unique_key_1 is null
    {%- else -%}
        {{ identifier }}.dbt_unique_key is null
    {%- endif -%}
{%- endmacro %}

{% macro unique_key_is_not_null(unique_key, identifier) -%}
    {%- if snapshot_unique_key_is_list(unique_key) -%}
        {{ identifier }}.dbt_unique_key_1 is not null
    {%- else -%}
        {{ identifier }}.dbt_unique_key is not null
    {%- endif -%}
{%- endmacro %}

{#- Close changed rows with an UPDATE, then INSERT the new versions: what dbt-duckdb and
    dbt-postgres do instead of MERGE (one table scan each, and no MERGE needed). -#}
{% macro update_insert_snapshot_merge_sql(target, source, insert_cols) -%}
    {%- set insert_cols_csv = insert_cols | join(', ') -%}
    {%- set columns = config.get("snapshot_table_column_names") or get_snapshot_table_column_names() -%}

    update {{ target }} as DBT_INTERNAL_TARGET
    set {{ columns.dbt_valid_to }} = DBT_INTERNAL_SOURCE.{{ columns.dbt_valid_to }}
    from {{ source }} as DBT_INTERNAL_SOURCE
    where DBT_INTERNAL_SOURCE.{{ columns.dbt_scd_id }}::text = DBT_INTERNAL_TARGET.{{ columns.dbt_scd_id }}::text
      and DBT_INTERNAL_SOURCE.dbt_change_type::text in ('update'::text, 'delete'::text)
      {% if config.get("dbt_valid_to_current") -%}
      and (DBT_INTERNAL_TARGET.{{ columns.dbt_valid_to }} = {{ config.get('dbt_valid_to_current') }} or DBT_INTERNAL_TARGET.{{ columns.dbt_valid_to }} is null);
      {%- else -%}
      and DBT_INTERNAL_TARGET.{{ columns.dbt_valid_to }} is null;
      {%- endif %}

    insert into {{ target }} ({{ insert_cols_csv }})
    select {% for column in insert_cols -%}
        DBT_INTERNAL_SOURCE.{{ column }} {%- if not loop.last %}, {%- endif %}
    {%- endfor %}
    from {{ source }} as DBT_INTERNAL_SOURCE
    where DBT_INTERNAL_SOURCE.dbt_change_type::text = 'insert'::text;

{%- endmacro %}
