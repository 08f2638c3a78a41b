/**
 * Broken projects: every broken file gives its expected code, file, line and column, all
 * in one run (diagnostics are collected, not thrown one at a time), exit code 2, no stack trace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, copyFixture, removeDir, tx, type CliResult } from './harness.js';

interface Expected {
  code: string;
  file: string;
  line: number;
  col: number;
}

/** `models/x.sql:3:6: error TX0301: …` → {file, line, col, code} (line/col 0 when absent). */
function diagnostics(output: string): Expected[] {
  const out: Expected[] = [];
  for (const m of output.matchAll(/^([^\s:]+?)(?::(\d+))?(?::(\d+))?: (?:error|warning) (TX\d{4}):/gm)) {
    out.push({ file: m[1]!, line: Number(m[2] ?? 0), col: Number(m[3] ?? 0), code: m[4]! });
  }
  return out;
}

describe('error fixture project', () => {
  let dir: string;
  let res: CliResult;
  beforeAll(async () => {
    dir = copyFixture('errors');
    res = await tx(['compile'], { cwd: dir });
  });
  afterAll(() => removeDir(dir));

  it('exits 2 and reports every broken file at once', () => {
    expect(res.code).toBe(2);
    const expected = JSON.parse(readFileSync(join(FIXTURES, 'errors', 'expected.json'), 'utf8')) as Expected[];
    const got = diagnostics(res.stdout + res.stderr);
    for (const e of expected) expect(got).toContainEqual(e);
    expect(got).toHaveLength(expected.length);
  });

  it('gives hints and never a stack trace', () => {
    const all = res.stdout + res.stderr;
    expect(all).toContain("did you mean 'good'?");
    expect(all).toContain('no_such_macro');
    expect(all).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
    expect(all).not.toContain('Template render error');
  });
});

describe('project-level errors', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach(removeDir));
  const project = (files: Record<string, string>): string => {
    const dir = copyFixture('errors');
    dirs.push(dir);
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(join(dir, rel, '..'), { recursive: true });
      writeFileSync(join(dir, rel), text);
    }
    return dir;
  };

  it('reports a cycle with its members in order and their files', async () => {
    const dir = project({
      'models/bad_ref.sql': 'select 1', 'models/bad_source.sql': 'select 1', 'models/bad_syntax.sql': 'select 1',
      'models/bad_var.sql': 'select 1', 'models/bad_macro.sql': 'select 1', 'models/bad_yaml.yml': 'version: 2',
      'models/a.sql': "select * from {{ ref('b') }}", 'models/b.sql': "select * from {{ ref('c') }}", 'models/c.sql': "select * from {{ ref('a') }}",
    });
    const r = await tx(['compile'], { cwd: dir });
    expect(r.code).toBe(2);
    const all = r.stdout + r.stderr;
    expect(all).toContain('TX0401');
    expect(all).toMatch(/model\.errors\.a \(models\/a\.sql\) → model\.errors\.c \(models\/c\.sql\) → model\.errors\.b \(models\/b\.sql\) → model\.errors\.a/);
  });

  it('reports a YAML syntax error in dbt_project.yml with line and column', async () => {
    const dir = project({ 'dbt_project.yml': "name: errors\nprofile: errors\nmodels:\n  errors:\n   +materialized: view\n  bad: [unclosed\n" });
    const r = await tx(['parse'], { cwd: dir });
    expect(r.code).toBe(2);
    const got = diagnostics(r.stdout + r.stderr);
    expect(got[0]?.code).toBe('TX0102');
    expect(got[0]?.file).toBe('dbt_project.yml');
    expect(got[0]?.line).toBeGreaterThan(0);
  });

  it('reports a missing project with a hint, and a bad flag as a usage error', async () => {
    const empty = project({});
    const r = await tx(['parse', '--project-dir', join(empty, 'nope')], { cwd: empty });
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toContain('TX0101');
    const u = await tx(['run', '--no-such-flag'], { cwd: empty });
    expect(u.code).toBe(2);
  });
});
