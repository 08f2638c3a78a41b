/**
 * Runs one unit test: the model under test is rendered with every ref()/source() replaced
 * by a fixture CTE typed like the real input, its rows are compared with the expected rows
 * as multisets, and a failure carries a readable diff. The model's real parents are only
 * read for their column types; nothing is built.
 */
import type { Connection, WarehouseColumn } from '../adapter/types.js';
import type { ManifestNode, SourceNode, UnitTestFixture, UnitTestNode } from '../parse/manifest-types.js';
import type { NodeOutcome } from '../run/scheduler.js';
import type { RunnerDeps } from './node-runner.js';
import { NodeClock, errorOutcome } from './node-runner.js';
import { withConnection } from '../run/node-executor.js';
import { Relation } from '../adapter/relation.js';
import { sourceRelation } from '../parse/node-relation.js';
import { captureScope, type CaptureRecord } from '../context/node-scope.js';
import { makeVarFunction } from '../context/var-function.js';
import { injectCtes, type Cte } from '../compile/inject-ctes.js';
import { actualSql, expectedColumns, fixtureSql, parseCsvRows, type FixtureRow } from '../materialize/unit-test.js';
import { inferSeedColumns } from '../materialize/seed-infer.js';
import { diffRows } from './unit-test-diff.js';
import { seedRows } from '../parse/unit-test-targets.js';
import { writeRunFile } from './run-file.js';
import { TxError, TxCodes, isTxError } from '../errors/tx-error.js';

type Upstream = ManifestNode | SourceNode;

export async function runUnitTest(d: RunnerDeps, u: UnitTestNode, threadId: string, signal: AbortSignal): Promise<NodeOutcome> {
  const clock = new NodeClock(d.s);
  try {
    return await withConnection(d.pool, signal, async (conn) => {
      const { sql, expected } = await unitTestSql(d, u, conn);
      writeRunFile(d.s, asWritable(u), `-- actual\n${sql.actual};\n\n-- expected\n${sql.expected};\n`);
      const actualRows = (await conn.execute(sql.actual, { fetch: true, signal })).rows;
      const expectedRows = (await conn.execute(sql.expected, { fetch: true, signal })).rows;
      const diff = diffRows(expected.map((c) => c.name), expectedRows, actualRows);
      const base = { thread_id: threadId, timing: clock.timing(), execution_time: clock.seconds(), adapter_response: {} };
      return diff.equal
        ? { status: 'pass', message: '', failures: 0, ...base }
        // dbt's build_unit_test_run_result: a failing unit test counts as one failure,
        // however many rows differ (the diff says how many).
        : { status: 'fail', message: diff.text, failures: 1, ...base };
    });
  } catch (e) {
    const out = errorOutcome(e, threadId, clock);
    // A problem with the test itself (not the database) reads as dbt's compilation errors.
    if (isTxError(e) && !e.code.startsWith('TX07')) {
      out.message = `Compilation Error in unit_test ${u.model}::${u.name} (${u.original_file_path})\n  ${e.message}${e.hint ? `\n  hint: ${e.hint}` : ''}`;
    }
    return out;
  }
}

/** Unit tests have no file of their own: their SQL goes under the YAML file, like generic tests. */
function asWritable(u: UnitTestNode): ManifestNode {
  return { package_name: u.package_name, original_file_path: u.original_file_path, path: `${u.model}__${u.name}.sql` } as ManifestNode;
}

async function unitTestSql(d: RunnerDeps, u: UnitTestNode, conn: Connection): Promise<{ sql: { actual: string; expected: string }; expected: WarehouseColumn[] }> {
  const { s, p } = d;
  const dialect = s.dialect;
  const model = p.manifest.nodes[u.depends_on.nodes[0]!]!;
  const inputs = resolveInputs(d, u, model);
  const ctes: Cte[] = [];
  const fixtureFor = new Map<string, Relation>();
  const cteRelation = (name: string) => Relation.create(dialect, { database: null, schema: '', identifier: name }, 'cte', { identifier: false });
  let thisRelation: Relation | undefined;

  // Every upstream the model reads gets a fixture. One left out of `given` is empty (dbt would
  // refuse the test; tx lets a test name only the inputs it cares about), except a seed, which
  // stands for itself (its CSV rows), as dbt's docs promise, and an ephemeral model, whose rows
  // dbt requires as `format: sql`.
  const upstreams = model.depends_on.nodes.map((id) => p.manifest.nodes[id] ?? p.manifest.sources[id]).filter((x): x is Upstream => x !== undefined);
  for (const up of upstreams) {
    const given = inputs.get(up.unique_id);
    const name = `__dbt__cte__${up.name}`;
    const isEphemeral = up.resource_type !== 'source' && up.config.materialized === 'ephemeral';
    if (!given && isEphemeral) throw missingInput(u, up);
    if (isEphemeral && given?.format !== 'sql') {
      throw new TxError({ code: TxCodes.UnitTestInvalid, message: `unit test '${u.name}': input ${given?.input ?? up.name} is an ephemeral model, so its rows must be given with format: sql`, loc: u.loc });
    }
    const rows = given ? rowsOf(given) : up.resource_type === 'seed' ? seedRows(up) : [];
    const sql = given?.format === 'sql' ? String(given.rows) : fixtureSql(dialect, { label: `input ${given?.input ?? `ref('${up.name}')`} of unit test '${u.name}'`, columns: await columnsOf(d, conn, up, u), rows, loc: u.loc });
    ctes.push({ id: up.unique_id, name, sql });
    fixtureFor.set(up.unique_id, cteRelation(name));
  }
  const thisInput = u.given.find((g) => g.input?.trim() === 'this');
  if (thisInput) {
    const name = `__dbt__cte__${model.name}__this`;
    // The model's own table may not exist yet: then it has the columns of its full build.
    const columns = async () => {
      const live = await conn.getColumns(d.compiler.relationFor(model).toRef());
      if (live.length > 0) return live;
      const full = d.compiler.renderVariant(model.unique_id, { incremental: false, fixtureRelation: (up) => fixtureFor.get(up.unique_id) });
      return conn.describeQuery(injectCtes(full.rendered, [...ctes, ...full.ctes]));
    };
    const sql = thisInput.format === 'sql' ? String(thisInput.rows) : fixtureSql(dialect, { label: `input this of unit test '${u.name}'`, columns: await columns(), rows: rowsOf(thisInput), loc: u.loc });
    ctes.push({ id: `${model.unique_id}.this`, name, sql });
    thisRelation = cteRelation(name);
  }

  const macros = u.overrides?.macros ?? {};
  const envVars = u.overrides?.env_vars ?? {};
  const baseEnvVar = s.baseScope['env_var'] as ((...a: unknown[]) => unknown) | undefined;
  const scope: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(macros)) if (name !== 'is_incremental') scope[name] = () => value;
  if (Object.keys(envVars).length > 0) {
    scope['env_var'] = (name: unknown, dflt?: unknown) => (Object.hasOwn(envVars, String(name)) ? envVars[String(name)] : baseEnvVar?.(name, dflt));
  }
  const rendered = d.compiler.renderVariant(model.unique_id, {
    incremental: macros['is_incremental'] === true,
    fixtureRelation: (up) => fixtureFor.get(up.unique_id),
    ...(thisRelation ? { thisRelation } : {}),
    ...(u.overrides?.vars ? { vars: u.overrides.vars } : {}),
    scope,
  });
  const modelSql = injectCtes(rendered.rendered, [...ctes, ...rendered.ctes]);

  const output = await conn.describeQuery(modelSql);
  if (u.expect.format === 'sql') {
    const expectedSql = String(u.expect.rows);
    const cols = await conn.describeQuery(expectedSql);
    return { sql: { actual: actualSql(dialect, modelSql, expectedColumns(output, [Object.fromEntries(cols.map((c) => [c.name, null]))], u.loc, model.name)), expected: expectedSql }, expected: cols };
  }
  const rows = rowsOf(u.expect);
  const compared = expectedColumns(output, rows, u.loc, model.name);
  return {
    sql: { actual: actualSql(dialect, modelSql, compared), expected: fixtureSql(dialect, { label: `expect of unit test '${u.name}'`, columns: compared, rows, loc: u.loc }) },
    expected: compared,
  };
}

/** dbt's TargetNotFoundError for an input the unit test does not give. */
function missingInput(u: UnitTestNode, up: Upstream): TxError {
  const what = up.resource_type === 'source' ? `source named '${up.source_name}.${up.name}'` : `node named '${up.name}'`;
  const call = up.resource_type === 'source' ? `source('${up.source_name}', '${up.name}')` : `ref('${up.name}')`;
  return new TxError({
    code: TxCodes.UnitTestInvalid,
    message: `Unit_Test '${u.unique_id}' (${u.original_file_path}) depends on a ${what} which was not found`,
    loc: u.loc,
    hint: `add \`- input: ${call}\` with \`format: sql\` to the unit test's given (an ephemeral model's rows are given as SQL)`,
  });
}

function rowsOf(f: UnitTestFixture | undefined): FixtureRow[] {
  if (!f) return [];
  if (f.format === 'csv') return parseCsvRows(String(f.rows ?? ''));
  return (f.rows as FixtureRow[] | null) ?? [];
}

/** given[].input (`ref('x')`, `source('s', 't')`) → the upstream node it names. */
function resolveInputs(d: RunnerDeps, u: UnitTestNode, model: ManifestNode): Map<string, UnitTestFixture> {
  const { s } = d;
  const out = new Map<string, UnitTestFixture>();
  for (const g of u.given) {
    const input = g.input?.trim() ?? '';
    if (input === 'this') continue;
    const record: CaptureRecord = { refs: [], sources: [], config: {} };
    const placeholder = (identifier: string) => Relation.create(s.dialect, { database: null, schema: '', identifier });
    const scope = captureScope({ this: null, model: {}, var: makeVarFunction(s.varsFor(u.package_name), () => u.loc) }, record, placeholder);
    s.jinja.renderString(`{{ ${input} }}`, u.abs_path, scope);
    const id = record.refs[0]
      ? d.compiler.lookupRef(record.refs[0], u.package_name)?.unique_id
      : record.sources[0]
        ? d.compiler.sourceId(record.sources[0][0], record.sources[0][1])
        : undefined;
    if (id === undefined || !model.depends_on.nodes.includes(id)) {
      throw new TxError({
        code: TxCodes.UnitTestInvalid,
        message: `unit test '${u.name}': input ${input} is not something model '${model.name}' reads`,
        loc: u.loc,
        hint: `model '${model.name}' reads: ${model.depends_on.nodes.join(', ') || 'nothing'}`,
      });
    }
    out.set(id, g);
  }
  return out;
}

/**
 * Column types of an input, so fixture values compare exactly: the relation in the warehouse,
 * else the types its YAML declares, else (seeds) the types the CSV would load with.
 */
async function columnsOf(d: RunnerDeps, conn: Connection, up: Upstream, u: UnitTestNode): Promise<WarehouseColumn[]> {
  const rel = up.resource_type === 'source' ? sourceRelation(d.s.dialect, d.s.project.quoting, up) : d.compiler.relationFor(up);
  const live = await conn.getColumns(rel.toRef());
  if (live.length > 0) return live;
  const declared = Object.values(up.columns);
  if (declared.length > 0 && declared.every((c) => c.data_type)) return declared.map((c) => ({ name: c.name, dataType: c.data_type! }));
  if (up.resource_type === 'seed') {
    return inferSeedColumns(up.abs_path, { delimiter: up.config.delimiter ?? ',', columnTypes: up.config.column_types }).map((c) => ({ name: c.name, dataType: c.type }));
  }
  throw new TxError({
    code: TxCodes.UnitTestInvalid,
    message: `unit test '${u.name}' cannot tell the column types of ${up.resource_type} '${up.name}': ${rel.render()} does not exist yet`,
    loc: u.loc,
    hint: `build it first (tx run --select ${up.resource_type === 'source' ? `source:${up.source_name}.${up.name}` : up.name}), or declare its columns with data_type in YAML`,
  });
}
