/**
 * example_project is written in DuckDB's SQL (`cast(x as double)`, `count(*) filter (…)`,
 * `unnest(generate_series(…))`, date arithmetic with `-`). The BigQuery tests build a copy
 * rewritten to the GoogleSQL spellings of the same logic; the rewrites are listed here so the
 * project itself can adopt them (e.g. as `bigquery__` dispatch overrides). A pattern that no
 * longer matches leaves the file unchanged.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function edit(dir: string, rel: string, from: string | RegExp, to: string): void {
  const path = join(dir, rel);
  if (!existsSync(path)) return;
  writeFileSync(path, readFileSync(path, 'utf8').replace(from, to));
}

export function makeExampleBigQuery(dir: string, dataset: string): void {
  edit(dir, 'macros/math.sql', /as double\)/g, 'as float64)');
  appendFileSync(join(dir, 'macros/rolling_window.sql'), `
{#- GoogleSQL: a RANGE frame needs a numeric ORDER BY, so days are counted with unix_date(). -#}
{% macro bigquery__rolling_sum(expr, days, partition_by, order_by) -%}
    sum({{ expr }}) over (
        partition by {{ partition_by }}
        order by unix_date({{ order_by }})
        range between {{ days - 1 }} preceding and current row
    )
{%- endmacro %}
`);
  edit(dir, 'models/bronze/stg_labels.sql', /as varchar\)/g, 'as string)');
  edit(dir, 'models/silver/user_activity.sql', /count\(\*\) filter \(where ([^)]*)\)/g, 'countif($1)');
  edit(dir, 'models/gold/user_rolling_features.sql',
    /select user_id, cast\(spine_day as date\) as feature_date\s+from \(\s+select\s+user_id,\s+unnest\(generate_series\(cast\(first_date as timestamp\), cast\(last_date as timestamp\), interval 1 day\)\) as spine_day\s+from bounds\s+\) as days/,
    'select bounds.user_id, spine_day as feature_date\n    from bounds\n    cross join unnest(generate_date_array(bounds.first_date, bounds.last_date)) as spine_day');
  edit(dir, 'models/gold/training_set.sql', 'labels.label_date - latest.feature_date', 'date_diff(labels.label_date, latest.feature_date, day)');
  edit(dir, 'models/gold/user_daily_spend.sql', 'max(event_date) - interval 3 day', 'date_sub(max(event_date), interval 3 day)');
  edit(dir, 'analyses/feature_distribution.sql', /quantile_cont\(([^,]+), 0\.5\)/g, 'approx_quantiles($1, 2)[offset(1)]');
  edit(dir, 'seeds/_seeds.yml', /: varchar$/gm, ': string');
  edit(dir, 'seeds/_seeds.yml', /: integer$/gm, ': int64');
  edit(dir, 'seeds/_seeds.yml', /: decimal\(10,2\)$/gm, ': numeric(10, 2)');
  edit(dir, 'models/bronze/_sources.yml', /schema: main$/m, `schema: ${dataset}`);
  // tx's static analysis reads BigQuery's date-part arguments (timestamp_trunc(x, week),
  // date_diff(a, b, day)) as column names; off until it knows them.
  edit(dir, 'dbt_project.yml', /^models:\n  tx_example:\n/m, "models:\n  tx_example:\n    +static_analysis: 'off'\n");
}
