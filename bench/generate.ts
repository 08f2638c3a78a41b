/**
 * Writes a synthetic dbt project of any size for benchmarks: seeds, bronze/silver/gold layers,
 * macros, vars, config() calls, ephemeral models, folder configs and properties YAML.
 * Deterministic for a given (models, seed): the same bytes on every run.
 *
 * Every model outputs the same columns (id, grp, category, amount, qty, event_date) with id
 * unique, so any model can ref any earlier one and joins on id never multiply rows.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32, pick, randInt } from './prng.js';

export interface GenerateOptions {
  models: number;
  seed?: number;
  /** Every model a view: no ephemeral models, no table overrides (for the run benchmark). */
  allViews?: boolean;
  /** dbt project name; the DuckDB file is target/<name>.duckdb. */
  name?: string;
}

interface ModelSpec {
  index: number;
  name: string;
  layer: Layer;
  folder: string;
  ephemeral: boolean;
}

type Layer = 'bronze' | 'silver' | 'gold';
type Rand = () => number;

const SEEDS = 5;
const SEED_ROWS = 24;
const MODELS_PER_FOLDER = 100;
const CATEGORIES = ['alpha', 'beta', 'gamma', 'delta'];

export function modelName(layer: Layer, index: number): string {
  return `${layer}_${String(index).padStart(5, '0')}`;
}

export function generateProject(dir: string, opts: GenerateOptions): void {
  const rand = mulberry32(opts.seed ?? 42);
  const name = opts.name ?? 'tx_bench';
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  write(dir, 'dbt_project.yml', projectYaml(name, opts.allViews === true));
  writeSeeds(dir, rand);
  writeMacros(dir);
  write(dir, 'models/bronze/_sources.yml', sourcesYaml());

  const specs = planModels(opts, rand);
  const byFolder = new Map<string, ModelSpec[]>();
  for (const spec of specs) {
    const deps = chooseDeps(spec, specs, rand);
    write(dir, `models/${spec.folder}/${spec.name}.sql`, modelSql(spec, deps, rand, opts.allViews === true));
    const list = byFolder.get(spec.folder) ?? [];
    list.push(spec);
    byFolder.set(spec.folder, list);
  }
  for (const [folder, list] of byFolder) {
    write(dir, `models/${folder}/_${folder.replace(/\//g, '_')}.yml`, propertiesYaml(list, rand));
  }
}

function write(dir: string, rel: string, text: string): void {
  const file = join(dir, rel);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
}

function planModels(opts: GenerateOptions, rand: Rand): ModelSpec[] {
  const n = Math.max(3, Math.floor(opts.models));
  const bronze = Math.max(1, Math.round(n * 0.2));
  const silver = Math.max(1, Math.round(n * 0.45));
  const specs: ModelSpec[] = [];
  for (let i = 0; i < n; i++) {
    const layer: Layer = i < bronze ? 'bronze' : i < bronze + silver ? 'silver' : 'gold';
    const layerStart = layer === 'bronze' ? 0 : layer === 'silver' ? bronze : bronze + silver;
    const group = Math.floor((i - layerStart) / MODELS_PER_FOLDER);
    const ephemeral = !opts.allViews && layer !== 'bronze' && rand() < 0.05;
    specs.push({
      index: i,
      name: modelName(layer, i),
      layer,
      folder: `${layer}/group_${String(group).padStart(3, '0')}`,
      ephemeral,
    });
  }
  return specs;
}

/**
 * 1–3 distinct models built before this model's folder: earlier layers, or earlier folder groups
 * of the same layer, so the DAG is several levels deep. Bronze models read seeds instead.
 */
function chooseDeps(spec: ModelSpec, specs: ModelSpec[], rand: Rand): ModelSpec[] {
  if (spec.layer === 'bronze') return [];
  let groupStart = spec.index;
  while (groupStart > 0 && specs[groupStart - 1]!.folder === spec.folder) groupStart--;
  const want = randInt(rand, 1, 3);
  const chosen = new Map<number, ModelSpec>();
  for (let k = 0; k < want * 4 && chosen.size < want; k++) {
    // Favour recent models so the DAG is deep rather than a star around the first few.
    const back = Math.floor(Math.pow(rand(), 2) * groupStart);
    const dep = specs[groupStart - 1 - back];
    if (!dep || (dep.ephemeral && rand() < 0.7)) continue;
    chosen.set(dep.index, dep);
  }
  if (chosen.size === 0) chosen.set(0, specs[0]!);
  return [...chosen.values()].sort((a, b) => a.index - b.index);
}

function projectYaml(name: string, allViews: boolean): string {
  return `name: ${name}
version: '1.0.0'
config-version: 2
profile: ${name}

model-paths: ["models"]
seed-paths: ["seeds"]
macro-paths: ["macros"]

vars:
  amount_scale: 1.5
  min_amount: 0
  lookback_days: 30
  bench_categories: ['alpha', 'beta', 'gamma', 'delta']

models:
  ${name}:
    bronze:
      +materialized: view
      +tags: ['bronze']
    silver:
      +materialized: view
      +tags: ['silver']
    gold:
      +materialized: ${allViews ? 'view' : 'table'}
      +tags: ['gold']
`;
}

function writeSeeds(dir: string, rand: Rand): void {
  for (let s = 0; s < SEEDS; s++) {
    const lines = ['id,grp,category,amount,qty,event_date'];
    for (let r = 1; r <= SEED_ROWS; r++) {
      const day = randInt(rand, 1, 28);
      lines.push(
        [
          r,
          randInt(rand, 1, 6),
          pick(rand, CATEGORIES),
          (rand() * 500).toFixed(2),
          randInt(rand, 1, 20),
          `2026-02-${String(day).padStart(2, '0')}`,
        ].join(','),
      );
    }
    write(dir, `seeds/seed_${s}.csv`, lines.join('\n') + '\n');
  }
}

function sourcesYaml(): string {
  const tables = Array.from({ length: SEEDS }, (_, s) => `      - name: seed_${s}\n        identifier: seed_${s}\n        description: Raw table ${s}, loaded by tx seed.\n`).join('');
  return `version: 2\n\nsources:\n  - name: raw\n    schema: main\n    description: The seeds, read as sources.\n    tables:\n${tables}`;
}

function writeMacros(dir: string): void {
  write(
    dir,
    'macros/bench_math.sql',
    `{% macro bench_safe_ratio(num, den) -%}
    case when ({{ den }}) = 0 or ({{ den }}) is null then null else cast({{ num }} as double) / ({{ den }}) end
{%- endmacro %}

{% macro bench_clamp(expr, lo, hi) -%}
    least(greatest({{ expr }}, {{ lo }}), {{ hi }})
{%- endmacro %}

{% macro bench_scale(expr) -%}
    ({{ expr }}) * {{ var('amount_scale') }}
{%- endmacro %}
`,
  );
  write(
    dir,
    'macros/bench_text.sql',
    `{% macro bench_normalize(col) -%}
    lower(trim({{ col }}))
{%- endmacro %}

{% macro bench_category_case(col) -%}
    case
    {%- for c in var('bench_categories') %}
        when {{ col }} = '{{ c }}' then {{ loop.index }}
    {%- endfor %}
        else 0
    end
{%- endmacro %}
`,
  );
  write(
    dir,
    'macros/bench_dates.sql',
    `{% macro bench_recent(col) -%}
    {{ col }} >= date '2026-02-28' - interval {{ var('lookback_days') }} day
{%- endmacro %}

{% macro bench_month(col) -%}
    {{ dbt.date_trunc('month', col) }}
{%- endmacro %}
`,
  );
}

function header(spec: ModelSpec, allViews: boolean, rand: Rand): string {
  if (spec.ephemeral) return `{{ config(materialized='ephemeral') }}\n`;
  if (allViews) return rand() < 0.3 ? `{{ config(tags=['bench']) }}\n` : '';
  const r = rand();
  if (r < 0.15) return `{{ config(materialized='table') }}\n`;
  if (r < 0.3) return `{{ config(tags=['nightly']) }}\n`;
  return '';
}

function modelSql(spec: ModelSpec, deps: ModelSpec[], rand: Rand, allViews: boolean): string {
  const head = header(spec, allViews, rand) + `-- ${spec.name}: synthetic ${spec.layer} model (generated by bench/generate.ts)\n`;
  if (spec.layer === 'bronze') return head + bronzeSql(spec, rand);
  const variant = deps.length === 1 ? pick(rand, ['filter', 'aggregate'] as const) : pick(rand, ['join', 'union'] as const);
  switch (variant) {
    case 'filter':
      return head + filterSql(deps[0]!, rand);
    case 'aggregate':
      return head + aggregateSql(deps, rand);
    case 'join':
      return head + joinSql(deps, rand);
    case 'union':
      return head + aggregateSql(deps, rand);
  }
}

function bronzeSql(spec: ModelSpec, rand: Rand): string {
  const s = spec.index % SEEDS;
  const from = rand() < 0.5 ? `{{ source('raw', 'seed_${s}') }}` : `{{ ref('seed_${s}') }}`;
  return `with source_rows as (
    select
        id,
        grp,
        category,
        amount,
        qty,
        event_date
    from ${from}
),

typed as (
    select
        cast(id as integer) as id,
        cast(grp as integer) as grp,
        {{ bench_normalize('category') }} as category,
        cast(amount as double) as amount,
        cast(qty as bigint) as qty,
        cast(event_date as date) as event_date
    from source_rows
)

select
    id,
    grp,
    category,
    amount,
    qty,
    event_date
from typed
where amount >= {{ var('min_amount') }}
`;
}

function filterSql(dep: ModelSpec, rand: Rand): string {
  const threshold = randInt(rand, 0, 50);
  return `with upstream as (
    select * from {{ ref('${dep.name}') }}
),

scored as (
    select
        id,
        grp,
        category,
        {{ bench_scale('amount') }} as amount,
        qty,
        event_date,
        {{ bench_category_case('category') }} as category_rank,
        {{ bench_safe_ratio('amount', 'qty') }} as unit_amount
    from upstream
)

select
    id,
    grp,
    category,
    {{ bench_clamp('amount', 0, 100000) }} as amount,
    qty,
    event_date
from scored
where unit_amount is null or unit_amount >= ${threshold}
   or category_rank > 0
`;
}

function joinSql(deps: ModelSpec[], rand: Rand): string {
  const [first, ...rest] = deps;
  const aliases = deps.map((_, i) => `d${i}`);
  const ctes = deps.map((d, i) => `${aliases[i]} as (\n    select id, grp, category, amount, qty, event_date\n    from {{ ref('${d.name}') }}\n)`).join(',\n\n');
  const joins = rest.map((_, i) => `left join ${aliases[i + 1]}\n    on ${aliases[i + 1]}.id = d0.id`).join('\n');
  const amount = aliases.map((a) => `coalesce(${a}.amount, 0)`).join(' + ');
  const qty = aliases.map((a) => `coalesce(${a}.qty, 0)`).join(' + ');
  const recent = rand() < 0.5;
  return `with ${ctes}

select
    d0.id,
    d0.grp,
    coalesce(d0.category, ${aliases[aliases.length - 1]}.category) as category,
    ${amount} as amount,
    ${qty} as qty,
    greatest(${aliases.map((a) => `coalesce(${a}.event_date, date '1970-01-01')`).join(', ')}) as event_date
from d0
${joins}
${recent ? `where {{ bench_recent('d0.event_date') }} or d0.grp > 0` : `-- joined ${first ? first.name : ''} with ${rest.length} more`}
`;
}

function aggregateSql(deps: ModelSpec[], rand: Rand): string {
  const unions = deps.map((d) => `    select id, grp, category, amount, qty, event_date from {{ ref('${d.name}') }}`).join('\n    union all\n');
  const monthly = rand() < 0.5;
  return `with unioned as (
${unions}
),

per_id as (
    select
        id,
        max(grp) as grp,
        min(category) as category,
        sum(amount) as amount,
        sum(qty) as qty,
        max(event_date) as event_date,
        count(*) as n_rows
    from unioned
    group by id
)

select
    id,
    grp,
    category,
    round(amount, 2) as amount,
    qty,
    ${monthly ? `cast({{ bench_month('event_date') }} as date)` : 'event_date'} as event_date
from per_id
where n_rows > 0
`;
}

function propertiesYaml(list: ModelSpec[], rand: Rand): string {
  const out = ['version: 2', '', 'models:'];
  for (const spec of list) {
    if (rand() >= 0.5) continue;
    out.push(`  - name: ${spec.name}`);
    out.push(`    description: Synthetic ${spec.layer} model ${spec.index}, one row per id.`);
    out.push('    columns:');
    out.push('      - name: id');
    out.push('        description: Row id, unique in every model.');
    if (!spec.ephemeral) {
      out.push('        data_tests:');
      out.push('          - unique');
      out.push('          - not_null');
    }
    out.push('      - name: amount');
    out.push('        description: Amount after this layer.');
    if (!spec.ephemeral) {
      out.push('        data_tests:');
      out.push('          - not_null');
    }
  }
  if (out.length === 3) out.pop(); // no model documented in this folder: keep a valid, empty file
  return out.join('\n') + '\n';
}
