/**
 * Ctrl-C: running queries are interrupted, the rest is marked skipped, run_results.json
 * is written, and tx exits non-zero within a couple of seconds.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { CLI, copyFixture, readJson, removeDir } from './harness.js';

describe('Ctrl-C during tx run', () => {
  const dir = copyFixture('slow');
  afterAll(() => removeDir(dir));

  it('cancels the running query and exits cleanly', async () => {
    const child = spawn(process.execPath, [CLI, 'run', '--threads', '2'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (/START sql table model main\.slow/.test(out) && /OK created sql table model main\.quick/.test(out)) {
          clearInterval(timer);
          resolve();
        }
      }, 50);
    });
    await new Promise((r) => setTimeout(r, 300));
    const sentAt = Date.now();
    child.kill('SIGINT');
    const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
    const took = Date.now() - sentAt;
    expect(took).toBeLessThan(3000);
    expect(code).not.toBe(0);
    const rr = readJson(join(dir, 'target', 'run_results.json')) as { results: { unique_id: string; status: string }[] };
    const status = Object.fromEntries(rr.results.map((r) => [r.unique_id, r.status]));
    expect(status['model.slow.quick']).toBe('success');
    expect(status['model.slow.slow']).toBe('error');
    expect(status['model.slow.after_slow']).toBe('skipped');
    expect(out).toMatch(/cancel/i);
  });
});
