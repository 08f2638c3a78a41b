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

  it('resolves package-local macros first and exposes package namespaces', () => {
    const j = make();
    j.addMacroFile('dbt', '/i/now.sql', '{% macro current_timestamp() %}now(){% endmacro %}{% macro helper() %}dbt-helper{% endmacro %}');
    j.addMacroFile('utils', '/u/a.sql', '{% macro helper() %}utils-helper{% endmacro %}{% macro run() %}{{ helper() }}{% endmacro %}');
    expect(j.renderString('{{ utils.run() }}|{{ helper() }}|{{ dbt.current_timestamp() }}', '/p/m.sql', {})).toBe('utils-helper|dbt-helper|now()');
    j.addMacroFile('proj', '/p/macros/o.sql', '{% macro current_timestamp() %}override(){% endmacro %}');
    expect(j.renderString('{{ dbt.current_timestamp() }}', '/p/m.sql', {})).toBe('override()');
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
    // Raised inside a macro: position of the call in the model.
    j.addMacroFile('proj', '/p/macros/r.sql', '{% macro r() %}{{ ref("x") }}{% endmacro %}');
    const e2 = err(() => j.renderString('\n\n  {{ r() }}', '/p/m2.sql', { ref }));
    expect(e2.code).toBe(TxCodes.RefNotFound);
    expect(e2.loc).toEqual({ file: '/p/m2.sql', line: 3, col: 6 });
  });

  it('plain JS errors become TemplateRender without nunjucks noise', () => {
    const j = make();
    const e = err(() => j.renderString('{{ boom() }}', '/p/m.sql', { boom: () => { throw new Error('kaput'); } }));
    expect(e.code).toBe(TxCodes.TemplateRender);
    expect(e.message).toBe('kaput');
  });
});
