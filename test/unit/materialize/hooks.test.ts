import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { executePlan } from '../../../src/run/apply-plan.js';
import { planTable } from '../../../src/materialize/table.js';
import { planStatements, planText, withHooks, type HookStatement } from '../../../src/materialize/hooks.js';
import type { Plan } from '../../../src/materialize/types.js';
import { TxError } from '../../../src/errors/tx-error.js';
import { openTestDb, planContext, type TestDb } from './helpers.js';

const hook = (sql: string, transaction = true, purpose = sql): HookStatement => ({ sql, purpose, transaction });

describe('hooks in a plan', () => {
  const plan: Plan = { statements: [{ sql: 'create table t as select 1', purpose: 'build' }], transactional: true };

  it('puts each hook where dbt runs it', () => {
    const out = withHooks(plan, {
      pre: [hook('pre outside', false), hook('pre inside')],
      post: [hook('post inside'), hook('post outside', false)],
    });
    expect(out.before?.map((s) => s.sql)).toEqual(['pre outside']);
    expect(out.statements.map((s) => s.sql)).toEqual(['pre inside', 'create table t as select 1', 'post inside']);
    expect(out.after?.map((s) => s.sql)).toEqual(['post outside']);
    expect(out.transactional).toBe(true);
    expect(planStatements(out).map((s) => s.sql)).toEqual(['pre outside', 'pre inside', 'create table t as select 1', 'post inside', 'post outside']);
    // The hook flag does not leak into the plan's statements.
    expect(Object.keys(out.statements[0]!)).toEqual(['sql', 'purpose']);
  });

  it('leaves a plan without hooks as it is, and keeps its extra fields', () => {
    const withNotes = { ...plan, notes: ['n'] };
    expect(withHooks(withNotes, { pre: [], post: [] })).toBe(withNotes);
    expect(withHooks(withNotes, { pre: [hook('x')], post: [] }).notes).toEqual(['n']);
  });

  it('shows every statement in the run file text, in order', () => {
    const text = planText(withHooks(plan, { pre: [hook('insert into log values (1)', false, 'pre-hook 1 of 1, before the transaction')], post: [] }));
    expect(text).toBe('-- pre-hook 1 of 1, before the transaction\ninsert into log values (1);\n\n-- build\ncreate table t as select 1;');
  });
});

describe('hooks on DuckDB', () => {
  let db: TestDb;
  const ref = { database: 'test', schema: 'main', identifier: 'orders' };
  beforeEach(async () => {
    db = await openTestDb();
    await db.conn.execute('create table log (what varchar)');
  });
  afterEach(async () => {
    await db.cleanup();
  });
  const rows = async (sql: string): Promise<unknown[][]> => (await db.conn.execute(sql, { fetch: true })).rows;
  const log = async (): Promise<unknown[]> => (await rows('select what from log')).map((r) => r[0]);

  it('a failing post-hook rolls the build back: the previous table and its rows stay', async () => {
    await executePlan(db.conn, planTable(await planContext(db.conn, ref), 'select * from range(5) r(id)'));
    const plan = withHooks(planTable(await planContext(db.conn, ref), 'select 1 as id'), {
      pre: [hook("insert into log values ('pre')")],
      post: [hook('select * from no_such_table')],
    });
    await expect(executePlan(db.conn, plan)).rejects.toBeInstanceOf(TxError);
    expect(await rows('select count(*) from orders')).toEqual([[5]]);
    expect(await log()).toEqual([]);
  });

  it('a hook outside the transaction stays when the build fails; one inside is rolled back', async () => {
    const plan = withHooks(planTable(await planContext(db.conn, ref), 'select * from no_such_table'), {
      pre: [hook("insert into log values ('outside')", false), hook("insert into log values ('inside')")],
      post: [],
    });
    await expect(executePlan(db.conn, plan)).rejects.toBeInstanceOf(TxError);
    expect(await log()).toEqual(['outside']);
  });

  it('a failing hook after commit fails the node but keeps what was committed', async () => {
    const plan = withHooks(planTable(await planContext(db.conn, ref), 'select 7 as id'), { pre: [], post: [hook('select * from nope', false)] });
    await expect(executePlan(db.conn, plan)).rejects.toBeInstanceOf(TxError);
    expect(await rows('select id from orders')).toEqual([[7]]);
  });

  it('renders a hook that reads the warehouse when it runs, after the statements before it', async () => {
    const counted: HookStatement = {
      ...hook('{{ run_query(...) }}'),
      renderAtRun: async (conn) => {
        const n = (await conn.execute('select count(*) from orders', { fetch: true })).rows[0]![0];
        return `insert into log values ('rows=${String(n)}')`;
      },
    };
    const empty: HookStatement = { ...hook('{{ nothing }}'), renderAtRun: async () => '  ' };
    const plan = withHooks(planTable(await planContext(db.conn, ref), 'select * from range(3) r(id)'), { pre: [], post: [counted, empty] });
    const results = await executePlan(db.conn, plan);
    expect(results).toHaveLength(plan.statements.length);
    expect(await log()).toEqual(['rows=3']);
  });
});
