/**
 * Static analysis end to end on Postgres, Snowflake and BigQuery targets (node-sql-parser), with
 * profiles whose credentials are fake: `tx compile` needs no connection, and `tx run` stops at
 * the analysis gate before connecting. The DuckDB fixtures static_errors and lineage are compiled
 * in dialect-adapted copies (only the files whose SQL is DuckDB's own are rewritten), and
 * dialect_syntax holds each warehouse's own syntax.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, copyFixture, removeDir, tx, type CliResult } from './harness.js';

type Target = 'postgres' | 'snowflake' | 'bigquery';
const TARGETS: Target[] = ['postgres', 'snowflake', 'bigquery'];

/** Nothing listens on 127.0.0.1:9: a connection attempt would fail loudly. */
const OUTPUTS: Record<Target, string> = {
  postgres: 'type: postgres\n      host: 127.0.0.1\n      port: 9\n      user: fake\n      password: fake\n      dbname: analytics\n      schema: public',
  snowflake: 'type: snowflake\n      account: fake-account\n      user: fake\n      password: fake\n      database: analytics\n      schema: public\n      warehouse: transforming',
  bigquery: 'type: bigquery\n      method: oauth\n      project: my-gcp-project\n      dataset: analytics\n      location: EU',
};
/** The schema a relation written by name lives in, per target. */
const SCHEMA: Record<Target, string> = { postgres: 'public', snowflake: 'public', bigquery: 'analytics' };
/** The parser's name in messages. */
const GRAMMAR: Record<Target, string> = { postgres: 'postgresql', snowflake: 'snowflake', bigquery: 'bigquery' };

function project(fixture: string, profile: string, target: Target, files: Record<string, string | null> = {}): string {
  const dir = copyFixture(fixture);
  writeFileSync(join(dir, 'profiles.yml'), `${profile}:\n  target: t\n  outputs:\n    t:\n      ${OUTPUTS[target]}\n      threads: 1\n`);
  for (const [path, text] of Object.entries(files)) {
    if (text === null) rmSync(join(dir, path));
    else writeFileSync(join(dir, path), text);
  }
  return dir;
}

interface Diagnostic {
  code: string;
  file: string;
  line: number;
  col: number;
}

function diagnostics(output: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const m of output.matchAll(/^([^\s:]+?)(?::(\d+))?(?::(\d+))?: (?:error|warning) (TX05\d\d):/gm)) {
    out.push({ file: m[1]!, line: Number(m[2] ?? 0), col: Number(m[3] ?? 0), code: m[4]! });
  }
  return out;
}

const byKey = (a: Diagnostic, b: Diagnostic): number => `${a.code}${a.file}${a.line}${a.col}`.localeCompare(`${b.code}${b.file}${b.line}${b.col}`);
const run = (args: string[], dir: string): Promise<CliResult> => tx(args, { cwd: dir, env: { GITHUB_WORKSPACE: '' } });

describe.each(TARGETS)('static_errors fixture on %s', (target) => {
  let dir: string;
  let res: CliResult;
  beforeAll(async () => {
    dir = project('static_errors', 'static_errors', target, {
      'models/hard_coded.sql': `select customer_id\nfrom ${SCHEMA[target]}.stg_customers\n`,
      // DuckDB's varchar is not a BigQuery type: the same contract mistakes in GoogleSQL.
      ...(target === 'bigquery' ? { 'models/contract_missing.sql': 'select\n    cast(customer_id as string) as customer_id\nfrom {{ ref(\'stg_customers\') }}\n' } : {}),
    });
    res = await run(['compile'], dir);
  });
  afterAll(() => removeDir(dir));

  it('reports every finding with its code, file, line and column, as on DuckDB', () => {
    expect(res.code).toBe(2);
    const expected = JSON.parse(readFileSync(join(FIXTURES, 'static_errors', 'expected.json'), 'utf8')) as Diagnostic[];
    expect(diagnostics(res.stdout + res.stderr).sort(byKey)).toEqual([...expected].sort(byKey));
  });

  it('names what the grammar lacks, and calls only a certain mistake a syntax error', () => {
    const all = res.stdout + res.stderr;
    expect(all).toContain(`node-sql-parser (${GRAMMAR[target]}) cannot analyse PIVOT`);
    expect(all).toContain("SQL syntax error: at or near \"=\": '=' cannot be followed by '='");
    expect(all).toContain(`relation '${SCHEMA[target]}.stg_customers' is written by name`);
  });

  it('--log-format github annotations carry lines for every finding the SQL locates', async () => {
    const r = await run(['compile', '--log-format', 'github'], dir);
    expect(r.stdout).toMatch(/^::warning file=models\/hard_coded\.sql,line=2,col=6,title=TX0516::/m);
    expect(r.stdout).toMatch(/^::error file=models\/contract_missing\.sql,line=2,col=5,title=TX0515::/m);
    expect(r.stdout).toMatch(/^::error file=models\/contracted\.sql,line=4,col=5,title=TX0515::/m);
  });

  it('run stops at the analysis gate, before connecting', async () => {
    const r = await run(['run'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toContain('TX0512');
    expect(r.stdout + r.stderr).not.toMatch(/START|ECONNREFUSED|connect/i);
  });
});

/** The lineage fixture's DuckDB-only SQL, in each target's syntax; the two models showing DuckDB-only syntax are left out. */
const LINEAGE_FILES: Record<Target, Record<string, string | null>> = {
  postgres: {
    'models/first_orders.sql': `select customer_id, order_id, rn, amount from (
    select
        customer_id,
        order_id,
        row_number() over (partition by customer_id order by ordered_at) as rn,
        amount::decimal(10, 2) as amount
    from {{ ref('stg_orders') }}
) ranked
where rn = 1
`,
    'models/orders_cents.sql': "select order_id, customer_id, amount * 100 as amount, ordered_at\nfrom {{ ref('stg_orders') }}\n",
  },
  snowflake: {
    'models/first_orders.sql': `select
    customer_id,
    order_id,
    row_number() over (partition by customer_id order by ordered_at) as rn,
    amount::number(10, 2) as amount
from {{ ref('stg_orders') }}
qualify rn = 1
`,
    'models/orders_cents.sql': "select order_id, customer_id, amount * 100 as amount, ordered_at\nfrom {{ ref('stg_orders') }}\n",
  },
  bigquery: {
    'models/first_orders.sql': `select
    customer_id,
    order_id,
    row_number() over (partition by customer_id order by ordered_at) as rn,
    cast(amount as numeric) as amount
from {{ ref('stg_orders') }}
where true
qualify rn = 1
`,
    // node-sql-parser's bigquery grammar takes EXCEPT or REPLACE, not both.
    'models/orders_cents.sql': "select * except (status, amount), amount * 100 as amount\nfrom {{ ref('stg_orders') }}\n",
  },
};

interface LineageNode {
  complete: boolean;
  columns: Record<string, unknown[]>;
  types: Record<string, string | null>;
  filters: unknown[];
}

const TYPES: Record<Target, Record<string, string>> = {
  postgres: { 'stg_orders.amount': 'numeric(10,2)', 'stg_orders.order_id': 'integer', 'first_orders.amount': 'numeric(10,2)' },
  snowflake: { 'stg_orders.amount': 'NUMBER(10,2)', 'stg_orders.order_id': 'NUMBER(38,0)', 'first_orders.amount': 'NUMBER(10,2)' },
  bigquery: { 'stg_orders.amount': 'NUMERIC(10, 2)', 'stg_orders.order_id': 'INT64', 'first_orders.amount': 'NUMERIC' },
};

describe.each(TARGETS)('lineage fixture on %s', (target) => {
  let dir: string;
  let res: CliResult;
  beforeAll(async () => {
    dir = project('lineage', 'lineage', target, { ...LINEAGE_FILES[target], 'models/order_stats.sql': null, 'models/customer_names.sql': null });
    res = await run(['compile'], dir);
  });
  afterAll(() => removeDir(dir));

  it("compiles without findings; every column's edges and every filter as on DuckDB", () => {
    expect(res.code, res.stdout + res.stderr).toBe(0);
    expect(diagnostics(res.stdout + res.stderr)).toEqual([]);
    const got = JSON.parse(readFileSync(join(dir, 'target', 'column_lineage.json'), 'utf8')) as { metadata: { adapter_type: string }; nodes: Record<string, LineageNode> };
    const want = JSON.parse(readFileSync(join(FIXTURES, 'lineage', 'expected_lineage.json'), 'utf8')) as { nodes: Record<string, LineageNode> };
    expect(got.metadata.adapter_type).toBe(target);
    const edgesOf = (nodes: Record<string, LineageNode>) =>
      Object.fromEntries(Object.entries(nodes).filter(([id]) => !/order_stats|customer_names/.test(id)).map(([id, n]) => [id, { complete: n.complete, columns: n.columns, filters: n.filters }]));
    expect(edgesOf(got.nodes)).toEqual(edgesOf(want.nodes));
  });

  it("spells types as the target does, the seed's column_types included", () => {
    const got = JSON.parse(readFileSync(join(dir, 'target', 'column_lineage.json'), 'utf8')) as { nodes: Record<string, LineageNode> };
    for (const [key, type] of Object.entries(TYPES[target])) {
      const [model, column] = key.split('.') as [string, string];
      expect(got.nodes[`model.lineage.${model}`]?.types[column], key).toBe(type);
    }
  });
});

/** What each target's dialect_syntax models should give: the warnings (file:line:col construct), and which lineage is complete. */
const SYNTAX: Record<Target, { warnings: string[]; complete: Record<string, boolean> }> = {
  postgres: {
    warnings: ['models/postgres/pg_window.sql:4:43 a RANGE window frame with an INTERVAL offset'],
    complete: { pg_syntax: true, pg_window: false },
  },
  snowflake: {
    warnings: ['models/snowflake/sf_listagg.sql:2:42 WITHIN GROUP'],
    complete: { sf_syntax: true, sf_object: true, sf_flatten: false, sf_listagg: false },
  },
  bigquery: {
    warnings: ['models/bigquery/bq_qualify.sql:4:1 QUALIFY'],
    complete: { bq_syntax: true, bq_unnest: false, bq_qualify: false },
  },
};

describe.each(TARGETS)('dialect_syntax fixture on %s', (target) => {
  let dir: string;
  let res: CliResult;
  beforeAll(async () => {
    dir = project('dialect_syntax', 'dialect_syntax', target);
    res = await run(['compile', '--select', `path:models/${target}`], dir);
  });
  afterAll(() => removeDir(dir));

  it('no error; a warning only for what the grammar lacks, naming it', () => {
    const all = res.stdout + res.stderr;
    expect(res.code, all).toBe(0);
    expect(all).not.toMatch(/error TX05/);
    const warnings = [...all.matchAll(/^(\S+): warning TX0511: static analysis skipped: node-sql-parser \(\w+\) cannot analyse (.+)$/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(warnings).toEqual(SYNTAX[target].warnings);
  });

  it('complete lineage for each model that parses and reads no table function', () => {
    const got = JSON.parse(readFileSync(join(dir, 'target', 'column_lineage.json'), 'utf8')) as { nodes: Record<string, LineageNode> };
    const complete = Object.fromEntries(Object.entries(got.nodes).map(([id, n]) => [id.replace('model.dialect_syntax.', ''), n.complete]));
    expect(complete).toEqual(SYNTAX[target].complete);
  });
});
