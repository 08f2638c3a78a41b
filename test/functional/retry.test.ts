/** `tx retry`: the previous command again, on exactly the nodes that errored or were skipped. */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readJson, removeDir, tx } from './harness.js';

describe('tx retry', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tx-retry-'));
  afterAll(() => removeDir(dir));
  writeFileSync(join(dir, 'dbt_project.yml'), "name: rt\nversion: '1'\nconfig-version: 2\nprofile: rt\nmodels:\n  rt:\n    +materialized: table\n");
  mkdirSync(join(dir, 'models'));
  writeFileSync(join(dir, 'models', 'a.sql'), 'select 1 as id\n');
  // Fails at run time (not at compile time) until --vars gives a number.
  writeFileSync(join(dir, 'models', 'b.sql'), `select cast('{{ var("v", "x") }}' as integer) as id from {{ ref('a') }}\n`);
  writeFileSync(join(dir, 'models', 'c.sql'), "select * from {{ ref('b') }}\n");

  it('re-runs only the errored and skipped nodes, and then has nothing left to do', async () => {
    expect((await tx(['run'], { cwd: dir })).code).toBe(1);
    const again = await tx(['retry'], { cwd: dir });
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/Done\. PASS=0 WARN=0 ERROR=1 SKIP=1 NO-OP=0 TOTAL=2/);
    const fixed = await tx(['retry', '--vars', '{v: "7"}'], { cwd: dir });
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).not.toContain('main.a ');
    expect(fixed.stdout).toMatch(/Done\. PASS=2 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=2/);
    const rr = readJson(join(dir, 'target', 'run_results.json')) as { args: Record<string, unknown> };
    expect(rr.args['which']).toBe('run');
    const done = await tx(['retry'], { cwd: dir });
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('Nothing to retry');
  });

  it('a run_results.json that is not JSON, or not a run, is a usage error naming the file', async () => {
    const state = mkdtempSync(join(tmpdir(), 'tx-retry-state-'));
    try {
      writeFileSync(join(state, 'run_results.json'), '{ not json');
      const bad = await tx(['retry', '--state', state], { cwd: dir });
      expect(bad.code).toBe(2);
      expect(bad.stdout + bad.stderr).toContain('run_results.json is not valid JSON');
      expect(bad.stdout + bad.stderr).not.toContain('internal error');
      writeFileSync(join(state, 'run_results.json'), '{"metadata": {}}');
      const empty = await tx(['retry', '--state', state], { cwd: dir });
      expect(empty.code).toBe(2);
      expect(empty.stdout + empty.stderr).toContain('run_results.json has no args and results');
    } finally {
      removeDir(state);
    }
  });
});
