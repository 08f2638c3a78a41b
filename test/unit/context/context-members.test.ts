/** dbt context members built by src/context: flags, api.Column, api.Relation, context. */
import { describe, expect, it } from 'vitest';
import { createBuiltins } from '../../../src/jinja/builtins.js';
import { TxJinja } from '../../../src/jinja/tx-jinja.js';
import { flagsObject, invocationArgs } from '../../../src/context/flags.js';
import { createApiObject } from '../../../src/context/api-object.js';
import { columnFromType } from '../../../src/context/column.js';
import type { Dialect } from '../../../src/adapter/types.js';
import { IntrospectionRecorder, introspectionScope, type StatementSession } from '../../../src/context/introspection.js';
import type { Invocation } from '../../../src/invocation.js';

const dialect = { name: 'duckdb', defaultQuoting: { database: true, schema: true, identifier: true }, quoteIdent: (s: string) => `"${s}"` } as unknown as Dialect;

function engine(globals: Record<string, unknown> = {}): TxJinja {
  const builtins = createBuiltins({ invocationId: 'x', runStartedAt: new Date(Date.UTC(2024, 0, 1)), env: {}, log: () => {} });
  return new TxJinja({ rootPackage: 'p', adapterType: 'duckdb', globals: { ...builtins, ...globals } });
}

describe('context members', () => {
  it('flags reflect the command and options', () => {
    const inv = { command: 'build', debug: false, quiet: true } as unknown as Invocation;
    const flags = flagsObject({ inv, opts: { homeDir: '/h', fullRefresh: true, failFast: true }, projectDir: '/p', profilesDir: '/pr', targetPath: 'target' });
    expect(engine({ flags }).renderString('{{ flags.WHICH }}|{{ flags.FULL_REFRESH }}|{{ flags.FAIL_FAST }}|{{ flags.QUIET }}|{{ flags.INTROSPECT }}|{{ flags.PROJECT_DIR }}', '/p/m.sql', {})).toBe('build|True|True|True|True|/p');
    expect(invocationArgs(flags, { homeDir: '/h' })['which']).toBe('build');
  });

  it('api.Column is callable and creates dbt Columns', () => {
    const api = createApiObject(dialect);
    const j = engine({ api });
    expect(j.renderString("{% set c = api.Column('c', 'integer') %}{{ c.name }}|{{ c.dtype }}|{{ c.is_integer() }}|{{ c.is_number() }}|{{ c.quoted }}|{{ [c] }}|{{ api.Column.create('s', 'STRING').dtype }}", '/p/m.sql', {})).toBe(
      'c|integer|True|True|"c"|[<Column c (integer)>]|TEXT',
    );
    const v = columnFromType('duckdb', 'v', 'VARCHAR');
    const d = columnFromType('duckdb', 'd', 'DECIMAL(10,2)');
    expect([v.data_type, v.is_string(), v.string_size(), d.data_type, d.is_numeric(), d.literal(1)]).toEqual(['character varying(256)', true, 256, 'DECIMAL(10,2)', true, '1::DECIMAL(10,2)']);
  });

  it('api.Relation.create without a type gives type None', () => {
    const j = engine({ api: createApiObject(dialect) });
    expect(j.renderString("{% set r = api.Relation.create(schema='s', identifier='t') %}{{ r }}|{{ r.type }}|{{ r is mapping }}|{{ r.get('metadata')['type'] }}", '/p/m.sql', {})).toBe('"s"."t"|None|True|DuckDBRelation');
  });

  it('context holds every member and macro by name', () => {
    const j = engine({ project_name: 'p' });
    j.addMacroFile('p', '/p/macros/m.sql', '{% macro my_macro(x) %}m{{ x }}{% endmacro %}');
    expect(j.renderString("{{ context['project_name'] }}|{{ context['my_macro'](1) }}|{{ context.get('my_macro')(2) }}|{{ context.get('nope', 'd') }}|{{ context['x'] }}", '/p/m.sql', { x: 'own' })).toBe('p|m1|m2|d|own');
  });

  it('in a materialization session, adapter.* and the same-named macros run their DDL (in a transaction until commit)', () => {
    const session: StatementSession = { transactions: true, open: false, statements: [], sqlFor: (m, args) => `${m}(${args.map(String).join(', ')})` };
    const scope = introspectionScope({ recorder: new IntrospectionRecorder(), baseAdapter: {}, relation: () => { throw new Error('unused'); }, adapterType: 'duckdb', session });
    const out = engine().renderString(
      "{{ adapter.drop_relation('a') }}{{ rename_relation('b', 'c') }}{{ drop_relation_if_exists(none) }}{{ adapter.commit() }}{{ adapter.drop_schema('s') }}{{ truncate_relation('t') }}",
      '/p/m.sql',
      scope,
    );
    expect(out).toBe('');
    expect(session.statements).toEqual(['begin', 'drop_relation(a)', 'rename_relation(b, c)', 'commit', 'begin', 'drop_schema(s)', 'truncate_relation(t)']);
    expect(session.open).toBe(true);
  });

  it('noop_statement and store_raw_result store a result load_result returns once', () => {
    const scope = introspectionScope({ recorder: new IntrospectionRecorder(), baseAdapter: {}, relation: () => { throw new Error('unused'); }, adapterType: 'duckdb' });
    const out = engine().renderString(
      "{% call noop_statement('main', 'OK 3', 'OK', 3) %}select 1{% endcall %}{{ load_result('main').response }}|{% do store_raw_result('x', message='M', rows_affected=1) %}{% set r = load_result('x') %}{{ r.response['_message'] }} {{ r.response['rows_affected'] }} {{ r.table | length }}",
      '/p/m.sql',
      scope,
    );
    expect(out).toBe("{'_message': 'OK 3', 'code': 'OK', 'rows_affected': 3}|M 1 0");
  });
});
