/**
 * The static-analysis worker gets a slim manifest (analysis-job.ts): every config key and column
 * field src/analysis reads must survive the slimming, or the worker's findings would differ from
 * the main thread's.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ANALYSED_CONFIG_KEYS, fromPlain, slimManifest, toPlain } from '../../../src/analysis/analysis-job.js';
import { TxError } from '../../../src/errors/tx-error.js';
import type { Manifest } from '../../../src/parse/manifest-types.js';

const DIR = join(import.meta.dirname, '..', '..', '..', 'src', 'analysis');

describe('analysis job', () => {
  it('keeps every config key src/analysis reads', () => {
    const read = new Set<string>();
    for (const f of readdirSync(DIR).filter((x) => x.endsWith('.ts'))) {
      const text = readFileSync(join(DIR, f), 'utf8');
      for (const m of text.matchAll(/(?<![-\w])config\??\.([A-Za-z_]\w*)/g)) read.add(m[1]!);
      for (const m of text.matchAll(/\bconfig\[['"]([^'"]+)['"]\]/g)) read.add(m[1]!);
    }
    expect(read.size).toBeGreaterThan(5);
    expect([...read].filter((k) => !(ANALYSED_CONFIG_KEYS as readonly string[]).includes(k))).toEqual([]);
  });

  it('slims nodes to what the analysis reads', () => {
    const node = {
      unique_id: 'model.p.a', resource_type: 'model', name: 'a', package_name: 'p', path: 'a.sql', original_file_path: 'models/a.sql', abs_path: '/x/models/a.sql',
      raw_code: 'select 1', compiled_code: 'select 1', description: 'doc', config: { materialized: 'view', enabled: true, tags: ['t'], contract: { enforced: true } },
      columns: { id: { name: 'id', description: 'the id', meta: {}, data_type: 'int', constraints: [], quote: null, tags: [] } },
      depends_on: { macros: ['macro.dbt.x'], nodes: ['model.p.b'] },
    };
    const m = { nodes: { 'model.p.a': node }, sources: {}, macros: { 'macro.p.m': { name: 'm', package_name: 'p', macro_sql: '{% macro m() %}{% endmacro %}' } } } as unknown as Manifest;
    const slim = slimManifest(m);
    const n = slim.nodes['model.p.a']!;
    expect(n.config).toEqual({ materialized: 'view', enabled: true, contract: { enforced: true } });
    expect(n.columns).toEqual({ id: { name: 'id', data_type: 'int' } });
    expect(n.depends_on.nodes).toEqual(['model.p.b']);
    expect(n.raw_code).toBe('select 1');
    expect('compiled_code' in n || 'description' in n).toBe(false);
    expect(slim.macros['macro.p.m']).toEqual({ name: 'm', package_name: 'p' });
  });

  it('carries findings as plain data and back', () => {
    const e = new TxError({ code: 'TX0512', message: "column 'x' not found", loc: { file: '/p/models/a.sql', line: 3, col: 7 }, hint: 'did you mean y?', severity: 'warn' });
    const back = fromPlain(structuredClone(toPlain(e)));
    expect(back).toBeInstanceOf(TxError);
    expect([back.code, back.message, back.loc, back.hint, back.severity]).toEqual([e.code, e.message, e.loc, e.hint, e.severity]);
  });
});
