/**
 * Jinja2 conformance: every case in expected/*.json (rendered by python3 + Jinja2 through
 * generate-expected.py, set up as dbt sets it up) must render identically in tx, or fail where
 * Jinja2 fails. Cases marked `gap` are known differences: they are expected to fail, so one that
 * starts passing shows up here and its mark must be removed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBuiltins } from '../../../../src/jinja/builtins.js';
import { TxJinja } from '../../../../src/jinja/tx-jinja.js';

interface Case {
  name: string;
  template: string;
  context?: Record<string, unknown>;
  macros?: string;
  output?: string;
  error?: string;
  logs?: [string, boolean][];
  gap?: string;
}

const DIR = join(import.meta.dirname, 'expected');
const tables = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({ table: f.replace(/\.json$/, ''), cases: (JSON.parse(readFileSync(join(DIR, f), 'utf8')) as { cases: Case[] }).cases }));

function render(c: Case): { output: string; logs: [string, boolean][] } {
  const logs: [string, boolean][] = [];
  const globals = createBuiltins({
    invocationId: 'conformance',
    runStartedAt: new Date(Date.UTC(2024, 0, 1)),
    env: {},
    log: (msg, info) => logs.push([msg, info]),
  });
  const j = new TxJinja({ rootPackage: 'conformance', adapterType: 'duckdb', globals });
  if (c.macros !== undefined) j.addMacroFile('conformance', '/conformance/macros/case.sql', c.macros);
  const output = j.renderString(c.template, '/conformance/models/case.sql', structuredClone(c.context ?? {}));
  return { output, logs };
}

function check(c: Case): void {
  if (c.error !== undefined) {
    let out: string | undefined;
    try {
      out = render(c).output;
    } catch {
      return;
    }
    expect.fail(`Jinja2 raises ${c.error}; tx rendered ${JSON.stringify(out)}`);
  }
  const { output, logs } = render(c);
  expect(output).toBe(c.output);
  if (c.logs) expect(logs).toEqual(c.logs);
}

describe('Jinja2 conformance', () => {
  for (const { table, cases } of tables) {
    describe(table, () => {
      for (const c of cases) {
        if (c.gap !== undefined) it.fails(`${c.name} (known gap: ${c.gap})`, () => check(c));
        else it(c.name, () => check(c));
      }
    });
  }
});
