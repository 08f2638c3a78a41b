{#- dbt-bigquery's table configs as SQL: partition_by (dbt-bigquery's PartitionConfig, as a dict),
    cluster_by and the OPTIONS(...) list (labels, kms_key_name, hours_to_expiration,
    require_partition_filter, partition_expiration_days, description). -#}

{#- partition_by → {field, data_type, granularity, range, copy_partitions}, or none. -#}
{% macro bq_partition_config(raw_partition_by) -%}
  {%- if raw_partition_by is none or raw_partition_by == {} -%}
    {{ return(none) }}
  {%- endif -%}
  {%- if raw_partition_by is not mapping or not raw_partition_by.get('field') -%}
    {{ exceptions.raise_compiler_error("Config `partition_by` must be a mapping with a `field`, e.g. {'field': 'created_at', 'data_type': 'timestamp', 'granularity': 'day'}; got " ~ raw_partition_by) }}
  {%- endif -%}
  {%- if raw_partition_by.get('time_ingestion_partitioning') -%}
    {{ exceptions.raise_compiler_error("partition_by.time_ingestion_partitioning is not supported by tx yet: partition by a column instead") }}
  {%- endif -%}
  {%- set data_type = (raw_partition_by.get('data_type') or 'date') | lower -%}
  {%- set granularity = (raw_partition_by.get('granularity') or 'day') | lower -%}
  {%- if data_type not in ['date', 'timestamp', 'datetime', 'int64'] -%}
    {{ exceptions.raise_compiler_error("partition_by.data_type must be one of date, timestamp, datetime, int64; got '" ~ data_type ~ "'") }}
  {%- endif -%}
  {%- if granularity not in ['hour', 'day', 'month', 'year'] -%}
    {{ exceptions.raise_compiler_error("partition_by.granularity must be one of hour, day, month, year; got '" ~ granularity ~ "'") }}
  {%- endif -%}
  {%- if data_type == 'date' and granularity == 'hour' -%}
    {{ exceptions.raise_compiler_error("a date column cannot be partitioned by hour: use data_type timestamp or datetime") }}
  {%- endif -%}
  {%- set range = raw_partition_by.get('range') -%}
  {%- if data_type == 'int64' and not (range is mapping and range.get('start') is not none and range.get('end') is not none and range.get('interval') is not none) -%}
    {{ exceptions.raise_compiler_error("partition_by with data_type int64 needs a range: {'start': 0, 'end': 100, 'interval': 10}") }}
  {%- endif -%}
  {{ return({'field': raw_partition_by.get('field'), 'data_type': data_type, 'granularity': granularity, 'range': range, 'copy_partitions': raw_partition_by.get('copy_partitions', false) == true}) }}
{%- endmacro %}

{#- The partition column as BigQuery groups it: `d`, or timestamp_trunc(ts, hour). -#}
{% macro bq_partition_render(pc, alias=none) -%}
  {%- set column = (alias ~ '.' ~ pc.field) if alias else pc.field -%}
  {%- if pc.data_type == 'int64' or (pc.data_type == 'date' and pc.granularity == 'day') -%}
    {{ column }}
  {%- else -%}
    {{ pc.data_type }}_trunc({{ column }}, {{ pc.granularity }})
  {%- endif -%}
{%- endmacro %}

{#- As render, with an untruncated date column wrapped in date() (dbt-bigquery's render_wrapped). -#}
{% macro bq_partition_render_wrapped(pc, alias=none) -%}
  {%- if pc.data_type == 'date' and pc.granularity == 'day' -%}
    date({{ bq_partition_render(pc, alias) }})
  {%- else -%}
    {{ bq_partition_render(pc, alias) }}
  {%- endif -%}
{%- endmacro %}

{% macro bq_partition_clause(pc) -%}
  {%- if pc is none -%}
  {%- elif pc.data_type == 'int64' -%}
partition by range_bucket({{ pc.field }}, generate_array({{ pc.range.start }}, {{ pc.range.end }}, {{ pc.range.interval }}))
  {%- else -%}
partition by {{ bq_partition_render(pc) }}
  {%- endif -%}
{%- endmacro %}

{% macro bq_cluster_clause(raw_cluster_by) -%}
  {%- if raw_cluster_by -%}
    {%- set cols = [raw_cluster_by] if raw_cluster_by is string else raw_cluster_by -%}
cluster by {{ cols | join(', ') }}
  {%- endif -%}
{%- endmacro %}

{#- A string as a GoogleSQL literal (labels, descriptions, key names). -#}
{% macro bq_string(value) -%}
'{{ (value ~ '') | replace('\\', '\\\\') | replace("'", "\\'") | replace('\n', '\\n') }}'
{%- endmacro %}

{#- The OPTIONS(...) items a relation is created with, in dbt-bigquery's order. -#}
{% macro bq_relation_options(kind) -%}
  {%- set opts = [] -%}
  {%- set persist = config.get('persist_docs') or {} -%}
  {%- if persist.get('relation') and model.description -%}
    {%- do opts.append('description=' ~ bq_string(model.description)) -%}
  {%- endif -%}
  {%- set hours = config.get('hours_to_expiration') -%}
  {%- if hours is not none -%}
    {%- do opts.append('expiration_timestamp=TIMESTAMP_ADD(CURRENT_TIMESTAMP(), INTERVAL ' ~ hours ~ ' hour)') -%}
  {%- endif -%}
  {%- if kind == 'table' and config.get('kms_key_name') -%}
    {%- do opts.append('kms_key_name=' ~ bq_string(config.get('kms_key_name'))) -%}
  {%- endif -%}
  {%- set labels = dict(config.get('labels') or {}) -%}
  {%- if config.get('labels_from_meta') -%}
    {%- for k, v in (model.meta or {}).items() -%}{%- do labels.update({k: v}) -%}{%- endfor -%}
  {%- endif -%}
  {%- if labels -%}
    {%- set pairs = [] -%}
    {%- for k in labels | sort -%}
      {%- do pairs.append('(' ~ bq_string(k) ~ ', ' ~ bq_string(labels[k]) ~ ')') -%}
    {%- endfor -%}
    {%- do opts.append('labels=[' ~ pairs | join(', ') ~ ']') -%}
  {%- endif -%}
  {%- if kind == 'table' and config.get('partition_by') -%}
    {%- if config.get('require_partition_filter') is not none -%}
      {%- do opts.append('require_partition_filter=' ~ ('true' if config.get('require_partition_filter') else 'false')) -%}
    {%- endif -%}
    {%- if config.get('partition_expiration_days') is not none -%}
      {%- do opts.append('partition_expiration_days=' ~ config.get('partition_expiration_days')) -%}
    {%- endif -%}
  {%- endif -%}
  {{ return(opts) }}
{%- endmacro %}

{% macro bigquery_table_options(kind='table') -%}
  {%- set opts = bq_relation_options(kind) -%}
  {%- if opts -%}
options({{ opts | join(', ') }})
  {%- endif -%}
{%- endmacro %}
