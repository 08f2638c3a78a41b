import { describe, expect, it } from 'vitest';
import { TxCodes, TxError } from '../../../src/errors/tx-error.js';
import { createBuiltins } from '../../../src/jinja/builtins.js';
import { TxJinja, extractDocBlocks } from '../../../src/jinja/tx-jinja.js';

function setup() {
  const logs: [string, boolean][] = [];
  const globals = createBuiltins({
    invocationId: 'inv-1',
    runStartedAt: new Date(Date.UTC(2026, 0, 1, 12, 0, 0, 123)),
    env: { HOME_DIR: '/home/x' },
    log: (m, info) => logs.push([m, info]),
  });
  const j = new TxJinja({ rootPackage: 'proj', adapterType: 'duckdb', globals });
  const r = (src: string, scope = {}) => j.renderString(src, '/p/m.sql', scope);
  return { j, r, logs };
}

class Relation {
  constructor(readonly schema: string, readonly identifier: string) {}
  get name(): string { return this.identifier; }
  include(): Relation { return this; }
  toString(): string { return `"${this.schema}"."${this.identifier}"`; }
}

describe('builtins', () => {
  // Expected values checked against python3 (datetime, re, json).
  it.each([
    ['{{ env_var("HOME_DIR") }}|{{ env_var("NOPE", "d") }}', '/home/x|d'],
    ['{{ run_started_at }}|{{ run_started_at.strftime("%Y-%m-%d %H:%M") }}|{{ run_started_at.isoformat() }}', '2026-01-01 12:00:00.123000+00:00|2026-01-01 12:00|2026-01-01T12:00:00.123000+00:00'],
    ['{{ (run_started_at - modules.datetime.timedelta(days=1)).strftime("%Y%m%d") }}', '20251231'],
    ['{{ modules.datetime.datetime(2024, 2, 3, 4, 5, 6) }}|{{ modules.datetime.datetime.strptime("2024-02-03", "%Y-%m-%d").strftime("%d/%m/%Y") }}', '2024-02-03 04:05:06|03/02/2024'],
    ['{{ modules.re.match("a(\\\\d+)", "a12b").group(1) }}|{{ modules.re.sub("[0-9]", "#", "a1b2") }}|{{ modules.re.findall("\\\\d", "a1b2") }}|{{ modules.re.search("(?P<n>b)", "abc").group("n") }}|{{ modules.re.match("B", "b", modules.re.IGNORECASE) is not none }}|{{ modules.re.match("x", "ax") }}', "12|a#b#|['1', '2']|b|True|None"],
    ['{{ tojson({"b": 1, "a": [true, none]}) }}|{{ fromjson("[1, 2]")[1] }}|{{ fromyaml("a: [1, 2]").a }}|{{ local_md5("abc") }}', '{"b": 1, "a": [true, null]}|2|[1, 2]|900150983cd24fb0d6963f7d28e17f72'],
    ['{{ zip([1, 2], ["a", "b"]) | list }}|{{ set([1, 1, 2]) | length }}|{{ dict(a=1, b=2) }}|{{ range(3) }}|{{ invocation_id }}', "[(1, 'a'), (2, 'b')]|2|{'a': 1, 'b': 2}|range(0, 3)|inv-1"],
  ])('%s', (src, expected) => {
    expect(setup().r(src)).toBe(expected);
  });

  it('env_var without default, raise_compiler_error, log', () => {
    const { r, logs } = setup();
    expect(() => r('{{ env_var("MISSING") }}')).toThrow(expect.objectContaining({ code: TxCodes.MissingEnvVar, message: "Env var required but not provided: 'MISSING'" }));
    expect(() => r('\n{{ exceptions.raise_compiler_error("bad " ~ 1) }}')).toThrow(expect.objectContaining({ code: TxCodes.CompilerError, message: 'bad 1', loc: { file: '/p/m.sql', line: 2, col: 4 } }));
    expect(r('{{ log("hello", info=True) }}{{ log("quiet") }}{% do print("p") %}')).toBe('');
    expect(logs).toEqual([['hello', true], ['quiet', false], ['p', true]]);
  });
});

describe('JS objects in templates', () => {
  it('keeps JS members (getters, methods, toString) of non-dict objects', () => {
    const { r } = setup();
    const rel = new Relation('main', 'orders');
    expect(r('{{ this }}|{{ this.name }}|{{ this.include().schema }}|{{ [this.identifier] }}', { this: rel })).toBe('"main"."orders"|orders|main|[\'orders\']');
  });

  it('treats rendered macro output as a string (is string, empty is falsy, string methods)', () => {
    const { j, r } = setup();
    j.addMacroFile('proj', '/p/m.sql', '{% macro empty() %}{% endmacro %}{% macro word() %} Hi {% endmacro %}');
    expect(r('{{ word() is string }}|{{ "y" if empty() else "n" }}|{{ word().strip().lower() }}|{{ word() | trim }}')).toBe('True|n|hi|Hi');
  });

  it('supports `is defined` for scope names and macros', () => {
    const { j, r } = setup();
    j.addMacroFile('proj', '/p/m.sql', '{% macro mm() %}{% endmacro %}');
    expect(r('{{ target is defined }}|{{ mm is defined }}|{{ nothing is defined }}', { target: { name: 'dev' } })).toBe('True|True|False');
  });
});

describe('extractDocBlocks', () => {
  it('extracts trimmed blocks with lines', () => {
    const src = 'intro\n{% docs orders %}\n  The orders table.\n{% enddocs %}\n\n{%- docs   customers -%}Customers{%- enddocs -%}';
    expect(extractDocBlocks(src, '/p/docs.md')).toEqual([
      { name: 'orders', contents: 'The orders table.', line: 2 },
      { name: 'customers', contents: 'Customers', line: 6 },
    ]);
  });
  it('reports an unclosed block with its position', () => {
    try {
      extractDocBlocks('x\n  {% docs a %}\nbody', '/p/d.md');
      expect.unreachable();
    } catch (e) {
      expect((e as TxError).loc).toEqual({ file: '/p/d.md', line: 2, col: 3 });
    }
  });
});
