import { describe, expect, it } from 'vitest';
import { TxJinja } from '../../../src/jinja/tx-jinja.js';
import { renderNative } from '../../../src/parse/render-native.js';
import { renderTestConfig } from '../../../src/parse/test-definition.js';

const jinja = new TxJinja({ rootPackage: 'proj', adapterType: 'duckdb' });
const vars: Record<string, unknown> = { min_id: 3, lim: 5, on: false, sev: 'warn', f: 1.5 };
const scope = {
  var: (name: string, dflt?: unknown) => (name in vars ? vars[name] : dflt),
  target: { name: 'dev' },
};
const r = (s: string) => renderNative(jinja, s, '/p/models/x.yml', scope);

describe('native rendering of YAML config strings (dbt get_rendered native=True)', () => {
  it('a lone expression keeps its type', () => {
    expect(r("{{ var('lim') }}")).toBe(5);
    expect(r("{{ var('on') }}")).toBe(false);
    expect(r("{{ var('missing', true) }}")).toBe(true);
    expect(r("{{ var('f') }}")).toBe(1.5);
    expect(r("{{ var('sev') }}")).toBe('warn');
    expect(r("{{- var('lim') -}}")).toBe(5);
    expect(r("{{ none }}")).toBeNull();
  });

  it('text around or between expressions renders to a string', () => {
    expect(r("id > {{ var('min_id', 0) }}")).toBe('id > 3');
    expect(r("{{ var('lim') }}{{ var('lim') }}")).toBe('55');
    expect(r("{{ 'warn' if target.name == 'dev' else 'error' }}")).toBe('warn');
    expect(r("{% if target.name == 'dev' %}warn{% else %}error{% endif %}")).toBe('warn');
  });

  it('strings without Jinja are left alone', () => {
    expect(r('status != 5')).toBe('status != 5');
    expect(r('10')).toBe('10');
  });

  it('renderTestConfig renders string values and drops those that render to nothing', () => {
    const rendered = renderTestConfig(
      { where: "id > {{ var('min_id') }}", limit: "{{ var('lim') }}", enabled: "{{ var('on') }}", severity: '{{ none }}', tags: ['a'], meta: { k: '{{ x }}' } },
      (_k, v) => r(v),
    );
    expect(rendered).toEqual({ where: 'id > 3', limit: 5, enabled: false, tags: ['a'], meta: { k: '{{ x }}' } });
  });
});
