import { describe, expect, it } from 'vitest';
import { TxCodes, TxError } from '../../../src/errors/tx-error.js';
import { TxJinja } from '../../../src/jinja/tx-jinja.js';

function make(): TxJinja {
  return new TxJinja({
    rootPackage: 'proj',
    adapterType: 'duckdb',
    adapterParents: ['postgres'],
    dispatchOrder: [{ macro_namespace: 'utils', search_order: ['proj', 'utils'] }],
  });
}

describe('macro registration and calls', () => {
  it('registers macro, test and materialization blocks with metadata', () => {
    const j = make();
    const src = [
      '{% macro greet(name, punct="!") %}hi {{ name }}{{ punct }}{{ helper() }}{% endmacro %}',
      '',
      '{% test not_empty(model, column_name) %}select 1{% endtest %}',
      "{% materialization table, adapter='duckdb' %}{{ return({'relations': []}) }}{% endmaterialization %}",
    ].join('\n');
    const defs = j.addMacroFile('proj', '/p/macros/a.sql', src);
    expect(defs.map((d) => [d.name, d.kind, d.line])).toEqual([
      ['greet', 'macro', 1],
      ['test_not_empty', 'test', 3],
      ['materialization_table_duckdb', 'materialization', 4],
    ]);
    expect(defs[0]!.argNames).toEqual(['name', 'punct']);
    expect(defs[0]!.calledMacros).toEqual(['helper']);
    expect(defs[1]!.source).toBe('{% test not_empty(model, column_name) %}select 1{% endtest %}');
    expect(j.macros()).toHaveLength(3);
  });

  it('calls macros across files, with return() of lists and dicts', () => {
    const j = make();
    j.addMacroFile('proj', '/p/macros/a.sql', '{% macro cols() %}{{ return(["a", "b"]) }}{% endmacro %}');
    j.addMacroFile('proj', '/p/macros/b.sql', '{% macro cfg() %}{% do return({"k": cols()}) %}{% endmacro %}{% macro _private() %}p{% endmacro %}');
    expect(j.renderString('{{ cols() | join(",") }}|{{ cfg().k[1] }}|{{ cfg() }}|{{ _private() }}', '/p/models/m.sql', {})).toBe(
      "a,b|b|{'k': ['a', 'b']}|p",
    );
    const fn = j.resolveMacro('cfg');
    expect(j.callMacro(fn!, [], {}, {})).toEqual({ k: ['a', 'b'] });
  });

  it('gives a macro the caller scope (dbt dynamic context)', () => {
    const j = make();
    j.addMacroFile('proj', '/p/macros/a.sql', '{% macro whoami(suffix) %}{{ this }}{{ suffix }}{% endmacro %}');
    const tpl = j.compile('select * from {{ whoami("_x") }}', '/p/models/m.sql');
    expect(j.render(tpl, { this: 'main.orders' })).toBe('select * from main.orders_x');
    expect(j.render(tpl, { this: 'main.customers' })).toBe('select * from main.customers_x');
    const fn = j.resolveMacro('whoami')!;
    expect(j.callMacro(fn, [], { suffix: '!' }, { this: 'rel' })).toBe('rel!');
  });

  it("resolves bare names in the node's package, then the root project, then dbt (dbt's MacroNamespace)", () => {
    const j = make();
    j.addMacroFile('dbt', '/i/now.sql', '{% macro current_timestamp() %}now(){% endmacro %}{% macro helper() %}dbt-helper{% endmacro %}');
    j.addMacroFile('utils', '/u/a.sql', '{% macro helper() %}utils-helper{% endmacro %}{% macro run() %}{{ helper() }}{% endmacro %}');
    // A root model: utils.run() runs in the model's context, so `helper` is not utils' own.
    expect(j.renderString('{{ utils.run() }}|{{ helper() }}|{{ dbt.current_timestamp() }}', '/p/m.sql', {})).toBe('dbt-helper|dbt-helper|now()');
    // A model of the utils package calls its package's macros unqualified.
    expect(j.renderString('{{ helper() }}|{{ run() }}|{{ utils.run() }}', '/u/models/m.sql', {}, 'utils')).toBe('utils-helper|utils-helper|utils-helper');
    j.addMacroFile('proj', '/p/macros/o.sql', '{% macro current_timestamp() %}override(){% endmacro %}{% macro helper() %}proj-helper{% endmacro %}');
    expect(j.renderString('{{ dbt.current_timestamp() }}|{{ utils.run() }}', '/p/m.sql', {})).toBe('override()|proj-helper');
    // The package's own macro still comes first for the package's models.
    expect(j.renderString('{{ helper() }}', '/u/models/m.sql', {}, 'utils')).toBe('utils-helper');
  });

  it('dispatch without a namespace searches the node package, root, dbt; with one, root then the package', () => {
    const j = make();
    j.addMacroFile('dbt', '/i/d.sql', '{% macro default__k() %}dbt-k{% endmacro %}');
    j.addMacroFile('utils', '/u/d.sql', "{% macro default__k() %}utils-k{% endmacro %}{% macro k() %}{{ adapter_dispatch('k')() }}{% endmacro %}");
    const scope = { adapter_dispatch: (name: string, ns?: string) => j.dispatch(name, ns) };
    expect(j.renderString("{{ adapter_dispatch('k')() }}", '/u/models/m.sql', scope, 'utils')).toBe('utils-k');
    expect(j.renderString("{{ adapter_dispatch('k')() }}|{{ utils.k() }}", '/p/m.sql', scope)).toBe('dbt-k|dbt-k');
    expect(j.renderString("{{ adapter_dispatch('k', 'utils')() }}", '/p/m.sql', scope)).toBe('utils-k');
    j.addMacroFile('proj', '/p/d.sql', '{% macro default__k() %}proj-k{% endmacro %}');
    // dbt searches the root project before an unconfigured namespace.
    expect(j.renderString("{{ adapter_dispatch('k', 'utils')() }}", '/p/m.sql', scope)).toBe('proj-k');
  });

  it('dispatches by adapter prefix, parent, default, with root override', () => {
    const j = make();
    j.addMacroFile('dbt', '/i/d.sql', '{% macro default__x() %}dbt-default{% endmacro %}{% macro postgres__y() %}dbt-pg{% endmacro %}{% macro default__y() %}dbt-default-y{% endmacro %}');
    expect(j.callMacro(j.dispatch('x', 'dbt'), [], {}, {})).toBe('dbt-default');
    expect(j.callMacro(j.dispatch('y', 'dbt'), [], {}, {})).toBe('dbt-pg');
    j.addMacroFile('proj', '/p/d.sql', '{% macro duckdb__x() %}proj-duck{% endmacro %}');
    expect(j.callMacro(j.dispatch('x', 'dbt'), [], {}, {})).toBe('proj-duck');
    j.addMacroFile('utils', '/u/d.sql', '{% macro default__z() %}utils-z{% endmacro %}');
    expect(j.callMacro(j.dispatch('z', 'utils'), [], {}, {})).toBe('utils-z');
    expect(() => j.dispatch('nope', 'utils')).toThrow(/proj\.duckdb__nope.*utils\.default__nope/s);
  });

  it('rejects duplicate macro names in one package', () => {
    const j = make();
    j.addMacroFile('proj', '/p/a.sql', '{% macro m() %}{% endmacro %}');
    try {
      j.addMacroFile('proj', '/p/b.sql', '\n{% macro m() %}{% endmacro %}');
      expect.unreachable();
    } catch (e) {
      expect((e as TxError).code).toBe(TxCodes.DuplicateName);
      expect((e as TxError).message).toContain('/p/a.sql');
      expect((e as TxError).loc).toEqual({ file: '/p/b.sql', line: 2, col: 1 });
    }
  });
});

function err(fn: () => unknown): TxError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(TxError);
    return e as TxError;
  }
  throw new Error('expected a TxError');
}

describe('errors', () => {
  it('syntax errors carry file:line:col', () => {
    const j = make();
    const e = err(() => j.compile('select 1\n  {% if %}', '/p/m.sql'));
    expect(e.code).toBe(TxCodes.TemplateSyntax);
    expect(e.loc).toEqual({ file: '/p/m.sql', line: 2, col: 9 });
    expect(e.message).not.toMatch(/unknown path|Template render error/);
    const m = err(() => j.addMacroFile('proj', '/p/macros/bad.sql', '{% macro x() %}\n{{ 1 + }}\n{% endmacro %}'));
    expect(m.code).toBe(TxCodes.TemplateSyntax);
    expect(m.loc?.line).toBe(2);
  });

  it('calling an undefined name is UnknownMacro at the name', () => {
    const j = make();
    const e = err(() => j.renderString('select\n  {{ not_a_macro() }}', '/p/m.sql', {}));
    expect(e.code).toBe(TxCodes.UnknownMacro);
    expect(e.message).toBe("'not_a_macro' is undefined");
    expect(e.loc).toEqual({ file: '/p/m.sql', line: 2, col: 6 });
  });

  it('a TxError from a scope function keeps its code and gets the position', () => {
    const j = make();
    const ref = (name: string) => {
      throw new TxError({ code: TxCodes.RefNotFound, message: `ref('${name}') not found` });
    };
    const e = err(() => j.renderString('select *\nfrom {{ ref("cutomers") }}', '/p/m.sql', { ref }));
    expect(e.code).toBe(TxCodes.RefNotFound);
    expect(e.message).toBe("ref('cutomers') not found");
    expect(e.loc).toEqual({ file: '/p/m.sql', line: 2, col: 9 });
    // Raised inside a macro: positioned in the macro file; the model's call site is in the hint.
    j.addMacroFile('proj', '/p/macros/r.sql', '{% macro r() %}{{ ref("x") }}{% endmacro %}');
    const e2 = err(() => j.renderString('\n\n  {{ r() }}', '/p/m2.sql', { ref }));
    expect(e2.code).toBe(TxCodes.RefNotFound);
    expect(e2.loc).toEqual({ file: '/p/macros/r.sql', line: 1, col: 19 });
    expect(e2.hint).toBe('called from /p/m2.sql:3:6');
  });

  it('plain JS errors become TemplateRender without nunjucks noise', () => {
    const j = make();
    const e = err(() => j.renderString('{{ boom() }}', '/p/m.sql', { boom: () => { throw new Error('kaput'); } }));
    expect(e.code).toBe(TxCodes.TemplateRender);
    expect(e.message).toBe('kaput');
  });
});

/** Line/col (1-based) of the first occurrence of `needle` in `src`. */
function posOf(src: string, needle: string, file: string): { file: string; line: number; col: number } {
  const i = src.indexOf(needle);
  if (i < 0) throw new Error(`${needle} not in source`);
  const before = src.slice(0, i).split('\n');
  return { file, line: before.length, col: before[before.length - 1]!.length + 1 };
}

describe('same-file macro calls', () => {
  it('go through the wrapper: return() ends the callee, not the caller', () => {
    const j = make();
    j.addMacroFile('proj', '/p/macros/h.sql', [
      "{% macro type_text() %}{{ return('TEXT') }}{% endmacro %}",
      "{% macro cols() %}{{ return(['a', 'b']) }}{% endmacro %}",
      '{% macro hash(f) %}md5(cast({{ f }} as {{ type_text() }})){% endmacro %}',
      "{% macro both() %}{{ return(hash('x') ~ '|' ~ (cols() | join(','))) }}{% endmacro %}",
    ].join('\n'));
    expect(j.renderString("{{ hash('id') }}|{{ both() }}", '/p/models/m.sql', {})).toBe('md5(cast(id as TEXT))|md5(cast(x as TEXT))|a,b');
    expect(j.callMacro(j.resolveMacro('hash')!, ['y'], {}, {})).toBe('md5(cast(y as TEXT))');
  });

  it("resolve like cross-file calls: from the node's package, root overrides first", () => {
    const j = make();
    j.addMacroFile('dbt', '/i/a.sql', '{% macro outer() %}[{{ inner() }}]{% endmacro %}{% macro inner() %}dbt-inner{% endmacro %}');
    j.addMacroFile('utils', '/u/a.sql', '{% macro u_outer() %}({{ inner() }}){% endmacro %}{% macro inner() %}utils-inner{% endmacro %}');
    expect(j.renderString('{{ outer() }}{{ utils.u_outer() }}', '/p/m.sql', {})).toBe('[dbt-inner](dbt-inner)');
    expect(j.renderString('{{ utils.u_outer() }}', '/u/m.sql', {}, 'utils')).toBe('(utils-inner)');
    j.addMacroFile('proj', '/p/macros/o.sql', '{% macro inner() %}proj-inner{% endmacro %}');
    expect(j.renderString('{{ outer() }}{{ utils.u_outer() }}{{ dbt.inner() }}', '/p/m.sql', {})).toBe('[proj-inner](proj-inner)proj-inner');
  });

  it('makes every macro of a package reachable through its namespace', () => {
    const j = make();
    const src = [
      '{% macro create_view_as(r) %}{{ return(adapter_dispatch_stub(r)) }}{% endmacro %}',
      '{% macro get_drop_sql(r) %}drop {{ r }}{% endmacro %}',
      '{% macro default__make_temp_relation(r) %}{{ return(r ~ "__tmp") }}{% endmacro %}',
      '{% macro _private() %}p{% endmacro %}',
      '{% macro uses_ns(r) %}{{ dbt.get_drop_sql(r) }}/{{ dbt.default__make_temp_relation(r) }}{% endmacro %}',
    ].join('\n');
    const defs = j.addMacroFile('dbt', '/i/adapters.sql', src);
    const ns = j.packageNamespace('dbt');
    for (const d of defs) expect(typeof ns[d.name], d.name).toBe('function');
    expect(Object.keys(ns).sort()).toEqual(defs.map((d) => d.name).sort());
    const scope = { adapter_dispatch_stub: (r: string) => `view ${r}` };
    expect(j.renderString('{{ dbt.create_view_as("v") }}|{{ dbt.get_drop_sql("t") }}|{{ dbt.default__make_temp_relation("t") }}|{{ dbt._private() }}|{{ dbt.uses_ns("x") }}', '/p/m.sql', scope)).toBe(
      'view v|drop t|t__tmp|p|drop x/x__tmp',
    );
    j.addMacroFile('proj', '/p/macros/o.sql', '{% macro get_drop_sql(r) %}proj-drop {{ r }}{% endmacro %}');
    expect(j.renderString('{{ dbt.get_drop_sql("t") }}|{{ dbt.uses_ns("x") }}', '/p/m.sql', scope)).toBe('proj-drop t|proj-drop x/x__tmp');
    expect(Object.keys(ns)).toContain('get_drop_sql');
  });
});

describe('errors inside macros point into the macro file', () => {
  const MACROS = [
    '{% macro outer(x) %}',
    '  select {{ middle(x) }}',
    '{% endmacro %}',
    '',
    '{% macro middle(x) -%}',
    '  {%- if x == "undef" -%}',
    '    {{ no_such_macro() }}',
    '  {%- elif x == "raise" -%}',
    '    {{ exceptions.raise_compiler_error("bad input " ~ x) }}',
    '  {%- elif x == "ref" -%}',
    '    {{ ref("missing") }}',
    '  {%- elif x == "attr" -%}',
    '    {{ nothing_here.attr }}',
    '  {%- else -%}',
    '    {{ var("v") }}',
    '  {%- endif -%}',
    '{%- endmacro %}',
  ].join('\n');
  const MODEL = 'select 1\nunion all\n    {{ outer(kind) }}';
  const file = '/p/macros/chain.sql';

  function run(kind: string): TxError {
    const j = make();
    j.addMacroFile('proj', file, MACROS);
    const scope = {
      kind,
      exceptions: { raise_compiler_error: (m: string) => { throw new TxError({ code: TxCodes.CompilerError, message: m }); } },
      ref: (n: string) => { throw new TxError({ code: TxCodes.RefNotFound, message: `ref('${n}') not found` }); },
      var: (n: string) => { throw new TxError({ code: TxCodes.UndefinedVar, message: `Required var '${n}' not found` }); },
    };
    return err(() => j.renderString(MODEL, '/p/models/x.sql', scope));
  }
  const calledFrom = `called from ${file}:2:13; called from /p/models/x.sql:3:8`;

  it.each([
    ['undef', TxCodes.UnknownMacro, "'no_such_macro' is undefined", 'no_such_macro('],
    ['raise', TxCodes.CompilerError, 'bad input raise', 'exceptions.raise_compiler_error'],
    ['ref', TxCodes.RefNotFound, "ref('missing') not found", 'ref("missing")'],
    ['attr', TxCodes.UndefinedVar, "'nothing_here' is undefined", 'nothing_here.attr'],
    ['var', TxCodes.UndefinedVar, "Required var 'v' not found", 'var("v")'],
  ])('%s', (kind, code, message, needle) => {
    const e = run(kind);
    expect(e.code).toBe(code);
    expect(e.message).toBe(message);
    expect(e.loc).toEqual(posOf(MACROS, needle, file));
    expect(e.hint).toBe(calledFrom);
  });

  it('the model call site is verified against the source', () => {
    expect(posOf(MODEL, 'outer(', '/p/models/x.sql')).toEqual({ file: '/p/models/x.sql', line: 3, col: 8 });
    expect(posOf(MACROS, 'middle(x)', file)).toEqual({ file, line: 2, col: 13 });
  });

  it('a non-Tx error and an inline macro in a model are positioned too', () => {
    const j = make();
    const boom = () => { throw new Error('kaput'); };
    j.addMacroFile('proj', file, '{% macro b() %}\n  {{ boom() }}{% endmacro %}');
    const e = err(() => j.renderString('{{ b() }}', '/p/models/x.sql', { boom }));
    expect(e.code).toBe(TxCodes.TemplateRender);
    expect(e.loc).toEqual({ file, line: 2, col: 6 });
    const model = '{% macro local() %}\n\n {{ boom() }}{% endmacro %}\nselect {{ local() }}';
    const e2 = err(() => j.renderString(model, '/p/models/y.sql', { boom }));
    expect(e2.loc).toEqual(posOf(model, 'boom()', '/p/models/y.sql'));
    expect(e2.hint).toBe('called from /p/models/y.sql:4:11');
  });

  it('callMacro from the engine positions the error in the macro file', () => {
    const j = make();
    j.addMacroFile('proj', file, MACROS);
    const e = err(() => j.callMacro(j.resolveMacro('middle')!, ['undef'], {}, {}));
    expect(e.loc).toEqual(posOf(MACROS, 'no_such_macro(', file));
  });
});

describe('undefined names (Jinja2 Undefined)', () => {
  it('render empty, but attribute access raises UndefinedVar at the name', () => {
    const j = make();
    expect(j.renderString('[{{ undefined_name }}]{{ undefined_name is defined }}{{ none_value.attr }}', '/p/m.sql', { none_value: null })).toBe('[]False');
    const e = err(() => j.renderString('select\n  {{ undefined_name.attr }}', '/p/m.sql', {}));
    expect(e.code).toBe(TxCodes.UndefinedVar);
    expect(e.message).toBe("'undefined_name' is undefined");
    expect(e.loc).toEqual({ file: '/p/m.sql', line: 2, col: 6 });
    const e2 = err(() => j.renderString('{{ x }}\n{{ u["k"] }}', '/p/m.sql', { x: 1 }));
    expect(e2.message).toBe("'u' is undefined");
    expect(e2.loc).toEqual({ file: '/p/m.sql', line: 2, col: 4 });
  });
});
