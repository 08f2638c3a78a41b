import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFreshness } from '../../../src/project/freshness-yaml.js';
import { parsePropertiesFile } from '../../../src/project/properties.js';
import { parseYamlFile } from '../../../src/project/yaml-file.js';
import { tempProject } from './helpers.js';

describe('readFreshness', () => {
  it('keeps left-out keys undefined and explicit nulls null', () => {
    expect(readFreshness(null, ['freshness'])).toEqual({ layer: null, problems: [] });
    expect(readFreshness({ warn_after: { count: 12, period: 'hour' }, error_after: null }, ['f'])).toEqual({
      layer: { warn_after: { count: 12, period: 'hour' }, error_after: null }, problems: [],
    });
    expect(readFreshness({ filter: 'x > 1' }, ['f']).layer).toEqual({ filter: 'x > 1' });
  });

  it('rejects a bad period, count or filter, pointing at the key', () => {
    const { layer, problems } = readFreshness({ warn_after: { count: '12', period: 'hours' }, filter: 3 }, ['sources', 0, 'freshness']);
    expect(layer).toBeUndefined();
    expect(problems.map((p) => [p.severity, p.path.join('.'), p.message, p.hint])).toEqual([
      ['error', 'sources.0.freshness.warn_after.count', "'warn_after.count' must be a whole number, got \"12\"", undefined],
      ['error', 'sources.0.freshness.warn_after.period', "'hours' is not a valid freshness period", "did you mean 'hour'?"],
      ['error', 'sources.0.freshness.filter', "freshness 'filter' must be a SQL condition (a string)", undefined],
    ]);
    expect(readFreshness('12h', ['f']).problems[0]!.message).toMatch(/must be a mapping/);
  });

  it('unknown keys: errors in properties, warnings under config and in dbt_project.yml', () => {
    expect(readFreshness({ warn_afer: { count: 1, period: 'day' } }, ['f']).problems[0]).toMatchObject({ severity: 'error', hint: "did you mean 'warn_after'?" });
    const lenient = readFreshness({ warn_after: { count: 1, period: 'day', units: 2 }, build_after: {} }, ['f'], 'warn');
    expect(lenient.layer).toEqual({ warn_after: { count: 1, period: 'day' } });
    expect(lenient.problems.map((p) => p.severity)).toEqual(['warn', 'warn']);
  });

  it('warns that a threshold without count or period never applies', () => {
    const { layer, problems } = readFreshness({ error_after: { count: 6 } }, ['f']);
    expect(layer).toEqual({ error_after: { count: 6, period: null } });
    expect(problems).toEqual([expect.objectContaining({ severity: 'warn', message: "'error_after' needs both count and period; without period it never applies" })]);
  });
});

function parse(text: string) {
  const root = tempProject({ 'models/schema.yml': text });
  const abs = path.join(root, 'models', 'schema.yml');
  return parsePropertiesFile(parseYamlFile(abs, fs.readFileSync(abs, 'utf8')), 'models/schema.yml');
}

describe('source freshness in properties files', () => {
  it('reads freshness, config.freshness, loaded_at_field and loaded_at_query at both levels', () => {
    const f = parse([
      'sources:',
      '  - name: raw',
      '    config:',
      '      freshness: {warn_after: {count: 1, period: hour}}',
      '      loaded_at_field: _loaded',
      '    tables:',
      '      - name: a',
      '        freshness: {filter: "x = 1"}',
      '        config: {freshness: null}',
      '      - name: b',
      '        loaded_at_field: null',
      '      - name: c',
      '        config:',
      '          loaded_at_query: select max(t) from {{ this }}',
      '',
    ].join('\n'));
    expect(f.diagnostics).toEqual([]);
    const s = f.sources[0]!;
    expect(s).toMatchObject({ freshness: undefined, config_freshness: { warn_after: { count: 1, period: 'hour' } }, loaded_at_field: '_loaded', loaded_at_query: null });
    expect(s.tables[0]).toMatchObject({ freshness: { filter: 'x = 1' }, config_freshness: null, loaded_at_field: null, loaded_at_field_present: false });
    expect(s.tables[1]).toMatchObject({ loaded_at_field: null, loaded_at_field_present: true, loaded_at_query: null });
    expect(s.tables[2]).toMatchObject({ loaded_at_query: 'select max(t) from {{ this }}', loaded_at_field_present: false });
  });

  it('reports bad freshness and field-plus-query at their keys, and keeps the other entries', () => {
    const f = parse([
      'sources:',
      '  - name: raw',
      '    loaded_at_field: a',
      '    loaded_at_query: select 1',
      '  - name: ok',
      '    tables:',
      '      - name: t1',
      '        freshness:',
      '          error_after: {count: 1, period: week}',
      '      - name: t2',
      '        loaded_at_field: a',
      '        config: {loaded_at_query: select 1}',
      '      - name: t3',
      '        config: {freshness: {warn_after: {count: 1, period: day}, loaded_at_field: x}}',
      '',
    ].join('\n'));
    expect(f.diagnostics.map((d) => [d.severity, d.message, d.loc!.line, d.loc!.col])).toEqual([
      ['error', 'Cannot specify both loaded_at_field and loaded_at_query at source level.', 4, 5],
      ['error', "'week' is not a valid freshness period", 9, 35],
      ['error', 'Cannot specify both loaded_at_field and loaded_at_query at table level.', 12, 18],
      ['warn', "unknown key 'loaded_at_field' in freshness; it is ignored", 14, 67],
    ]);
    expect(f.sources.map((s) => s.name)).toEqual(['ok']);
    expect(f.sources[0]!.tables.map((t) => t.name)).toEqual(['t3']);
  });
});
