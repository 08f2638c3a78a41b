/**
 * The static analysis on a worker thread (large projects; TX_ANALYSIS_WORKER=always forces it)
 * gives exactly what it gives on the main thread (TX_ANALYSIS_WORKER=never): the same findings,
 * in the same order, at the same positions, and the same target/column_lineage.json bytes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyFixture, removeDir, tx, type CliResult } from './harness.js';

type Mode = 'always' | 'never';

/** Every finding line (and its hint lines), without the timestamps. */
function findings(r: CliResult): string[] {
  return (r.stdout + r.stderr).split('\n').filter((l) => /\b(error|warning) TX\d{4}:|^\s+hint:/.test(l)).map((l) => l.replace(/^\d\d:\d\d:\d\d\s+/, ''));
}

const phases = (dir: string): Record<string, number> => (JSON.parse(readFileSync(join(dir, 'target', 'perf_info.json'), 'utf8')) as { phases: Record<string, number> }).phases;

describe.each(['static_errors', 'lineage'])('%s fixture, analysis on a worker thread and on the main thread', (fixture) => {
  const dirs: Partial<Record<Mode, string>> = {};
  const res: Partial<Record<Mode, CliResult>> = {};
  beforeAll(async () => {
    for (const mode of ['always', 'never'] as const) {
      dirs[mode] = copyFixture(fixture);
      res[mode] = await tx(['compile', '--debug'], { cwd: dirs[mode], env: { TX_ANALYSIS_WORKER: mode } });
    }
  });
  afterAll(() => Object.values(dirs).forEach(removeDir));

  it('exits alike, with the same findings in the same order', () => {
    expect(res.always!.code).toBe(res.never!.code);
    expect(res.always!.code).toBe(fixture === 'static_errors' ? 2 : 0);
    expect(res.always!.stdout + res.always!.stderr).not.toContain('worker failed');
    const got = findings(res.always!);
    if (fixture === 'static_errors') expect(got.length).toBeGreaterThan(10);
    expect(got).toEqual(findings(res.never!));
  });

  it('writes the same column_lineage.json bytes and the same manifest nodes', () => {
    const read = (mode: Mode, f: string): string => readFileSync(join(dirs[mode]!, 'target', f), 'utf8').replaceAll(dirs[mode]!, '<dir>');
    expect(read('always', 'column_lineage.json') === read('never', 'column_lineage.json')).toBe(true);
    const nodes = (mode: Mode): unknown => (JSON.parse(read(mode, 'manifest.json')) as { nodes: unknown }).nodes;
    expect(JSON.stringify(nodes('always')) === JSON.stringify(nodes('never'))).toBe(true);
  });

  it.runIf(fixture === 'lineage')('reports the worker time and the wait for it in perf_info.json', () => {
    const worker = phases(dirs.always!);
    expect(worker['analysis_ms']).toBeGreaterThanOrEqual(0);
    expect(worker['analysis_wait_ms']).toBeGreaterThanOrEqual(0);
    expect(worker['analysis_start_ms']).toBeGreaterThanOrEqual(0);
    const main = phases(dirs.never!);
    expect(main['analysis_ms']).toBeGreaterThanOrEqual(0);
    expect(main['analysis_wait_ms']).toBeUndefined();
  });
});

describe('docs generate with the analysis on a worker thread', () => {
  let dir: string;
  let r: CliResult;
  beforeAll(async () => {
    dir = copyFixture('static_errors');
    r = await tx(['docs', 'generate', '--empty-catalog'], { cwd: dir, env: { TX_ANALYSIS_WORKER: 'always' } });
  });
  afterAll(() => removeDir(dir));

  it('prints the findings as warnings and writes the lineage and the site', async () => {
    expect(r.code).toBe(0);
    const main = copyFixture('static_errors');
    try {
      const m = await tx(['docs', 'generate', '--empty-catalog'], { cwd: main, env: { TX_ANALYSIS_WORKER: 'never' } });
      expect(findings(r)).toEqual(findings(m));
      expect(readFileSync(join(dir, 'target', 'column_lineage.json'), 'utf8')).toBe(readFileSync(join(main, 'target', 'column_lineage.json'), 'utf8'));
    } finally {
      removeDir(main);
    }
    expect(findings(r).length).toBeGreaterThan(5);
  });
});
