/** Every adapter's built-in macros (templates/default plus its own folder) load without a name defined twice. */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { templatesDir } from '../../../src/util/package-root.js';

function macroNames(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.sql')).flatMap((f) =>
    [...readFileSync(join(dir, f), 'utf8').matchAll(/\{%-?\s*macro\s+(\w+)/g)].map((m) => `${m[1]} (${f})`));
}

describe('built-in templates', () => {
  for (const adapter of ['duckdb', 'postgres', 'snowflake', 'bigquery']) {
    it(`${adapter}: no macro is defined twice`, () => {
      const names = [...macroNames(join(templatesDir(), 'default')), ...macroNames(join(templatesDir(), adapter))];
      const seen = new Map<string, string>();
      const twice: string[] = [];
      for (const n of names) {
        const bare = n.split(' ')[0]!;
        if (seen.has(bare)) twice.push(`${seen.get(bare)} and ${n}`);
        else seen.set(bare, n);
      }
      expect(twice).toEqual([]);
    });
  }
});
