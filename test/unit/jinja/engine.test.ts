import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { TxCodes, TxError } from '../../../src/errors/tx-error.js';
import { TxJinja } from '../../../src/jinja/tx-jinja.js';

function make(): TxJinja {
  return new TxJinja({ rootPackage: 'proj', adapterType: 'duckdb' });
}

function err(fn: () => unknown): TxError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(TxError);
    return e as TxError;
  }
  throw new Error('expected a TxError');
}

class Relation {
  constructor(readonly identifier: string) {}
  toString(): string {
    return `"main"."${this.identifier}"`;
  }
}

describe('the extended engine leaves nunjucks itself alone', () => {
  it('plain nunjucks keeps its own semantics in the same process', () => {
    const j = make();
    expect(j.renderString('{{ 1.0 }}|{{ [1, 2] }}|{% with a = 1 %}{{ a }}{% endwith %}', '/p/m.sql', {})).toBe('1.0|[1, 2]|1');
    expect(nunjucks.renderString('{{ 1.0 }}|{{ xs }}|{% for k, v in d %}{{ k }}{{ v }}{% endfor %}', { xs: [1, 2], d: { a: 1 } })).toBe('1|1,2|a1');
    expect(() => new nunjucks.Environment().renderString('{% with a = 1 %}{% endwith %}', {})).toThrow(/unknown block tag: with/);
    expect(nunjucks.renderString("{{ {'a': 1} | dump | safe }}", {})).toBe('{"a":1}');
  });
});

describe('values crossing the engine boundary', () => {
  it('callMacro returns lists, dicts, numbers and objects as they are; whole floats as numbers', () => {
    const j = make();
    j.addMacroFile('proj', '/p/macros/r.sql', [
      '{% macro rel() %}{{ return(this) }}{% endmacro %}',
      "{% macro data() %}{{ return({'cols': ['a', 'b'], 'n': 3}) }}{% endmacro %}",
      '{% macro half(x) %}{{ return(x / 2) }}{% endmacro %}',
    ].join('\n'));
    const r = new Relation('orders');
    expect(j.callMacro(j.resolveMacro('rel')!, [], {}, { this: r })).toBe(r);
    expect(j.callMacro(j.resolveMacro('data')!, [], {}, {})).toEqual({ cols: ['a', 'b'], n: 3 });
    expect(j.callMacro(j.resolveMacro('half')!, [4], {}, {})).toBe(2);
    expect(j.callMacro(j.resolveMacro('half')!, [3], {}, {})).toBe(1.5);
    expect(j.renderString('{{ rel() }}|{{ rel().identifier }}', '/p/m.sql', { this: r })).toBe('"main"."orders"|orders');
  });
});

describe('undefined values', () => {
  it('attributes of Undefined are lenient while dbt parses (execute is false), errors otherwise', () => {
    const j = make();
    const src = "select '{{ model.batch.id }}'";
    expect(j.renderString(src, '/p/m.sql', { execute: false, model: {} })).toBe("select ''");
    const e = err(() => j.renderString(src, '/p/m.sql', { execute: true, model: {} }));
    expect(e.code).toBe(TxCodes.UndefinedVar);
    expect(e.message).toBe("'model.batch' is undefined");
    expect(e.loc).toEqual({ file: '/p/m.sql', line: 1, col: 12 });
  });
});

describe('positions of errors from the constructs tx adds', () => {
  it.each([
    ['{% for x in [1] %}\n{% break %}{% endfor %}\n{% break %}', TxCodes.TemplateSyntax, 3, 4],
    ['select 1\n{% with a = %}{% endwith %}', TxCodes.TemplateSyntax, 2, 13],
    ['a\n{% for x in xs %}{{ x }}{% endfor %}', TxCodes.TemplateRender, 2, 4],
    ['a\n\n  {{ 1 + "a" }}', TxCodes.TemplateRender, 3, 6],
    ['{% set a, b = [1] %}', TxCodes.TemplateRender, 1, 4],
    ['x\n{% for i in [1] if i.a.b %}{% endfor %}', TxCodes.UndefinedVar, 2, 20],
  ])('%s', (src, code, line, col) => {
    const e = err(() => make().renderString(src, '/p/m.sql', { xs: null }));
    expect(e.code).toBe(code);
    expect(e.loc).toEqual({ file: '/p/m.sql', line, col });
  });

  it('a macro called with an argument it does not take fails at the call', () => {
    const j = make();
    j.addMacroFile('proj', '/p/macros/m.sql', '{% macro m(a) %}{{ a }}{% endmacro %}');
    const e = err(() => j.renderString('select\n  {{ m(1, b=2) }}', '/p/m.sql', {}));
    expect(e.message).toBe("macro 'm' takes no keyword argument 'b'");
    expect(e.loc).toEqual({ file: '/p/m.sql', line: 2, col: 6 });
  });
});
