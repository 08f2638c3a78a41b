/**
 * The streaming byte scanner (seed-type-scan.ts) against the text path it replaces: for every
 * generated file, every delimiter and every read size (records cut anywhere across chunks), both
 * infer exactly the same column types.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inferSeedColumnsFromText, inferSeedColumns } from '../../../src/materialize/seed-infer.js';
import { mulberry32 } from '../../../bench/prng.js';

const dir = mkdtempSync(join(tmpdir(), 'tx-seed-scan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Values that sit on the edges of agate's testers, by the type they would suggest. */
const POOLS: string[][] = [
  ['1', '-2', '+3', '007', '1,234', '12.', ' 42 ', '2147483647', '2147483648', '-99999999999', ',', '1,,2', '+,5'],
  ['1.5', '.5', '1e3', '1E-2', '1.e5', '-0.0', '1,234.5', '1e', '.', '-', '.e5', '1.2.3', '١٢'],
  ['2024-01-05', '2024-1-5', '2024-02-29', '2023-02-29', '0001-01-01', '0000-01-01', '2024-13-01', '2024-12-32', '20240105', '2024-01-05x', '12024-01-05'],
  ['2024-01-05 10:00:00', '2024-1-5 1:2:3', '2024-01-05 24:00:00', '2024-01-05 10:60:00', '2024-01-05  10:00:00', '2024-01-05 10:00'],
  ['2024-01-05T10:00:00', '2024-01-05T10:00:00Z', '2024-01-05T10:00:00.123+02:00', '2024-01-05T10', '2024-01-05T1000', '2024-1-05T10:00:00', '2024-02-30T10:00:00'],
  ['true', 'FALSE', 'True', 'tr,ue', 'yes', 't', 'truee', 'fals'],
  ['', 'null', 'NULL', ' nUlL ', '  ', '\t'],
  ['abc', 'x y', 'é', 'naïve', '\u00a01\u00a0', 'ｔrue', 'a"b'],
];

const quote = (v: string, d: string): string => (v.includes(d) || v.includes('"') || v.includes('\n') || v.includes('\r') || Math.random() < 0 ? `"${v.replace(/"/g, '""')}"` : v);

function generate(rand: () => number, d: string): string {
  const cols = 1 + Math.floor(rand() * 5);
  // Each column draws mostly from one pool, sometimes from another (which may flip its type).
  const home = Array.from({ length: cols }, () => Math.floor(rand() * POOLS.length));
  const header = Array.from({ length: cols }, (_, i) => (rand() < 0.2 ? `"col ${i}, ""q"""` : `c${i}`)).join(d);
  const eol = rand() < 0.3 ? '\r\n' : '\n';
  const lines = [header];
  const rows = 1 + Math.floor(rand() * 40);
  for (let r = 0; r < rows; r++) {
    if (rand() < 0.05) {
      lines.push('');
      continue;
    }
    const width = rand() < 0.1 ? Math.max(0, cols - 1 - Math.floor(rand() * 2)) : cols + (rand() < 0.05 ? 1 : 0);
    const fields: string[] = [];
    for (let c = 0; c < width; c++) {
      const pool = POOLS[rand() < 0.9 ? home[c % cols]! : Math.floor(rand() * POOLS.length)]!;
      let v = pool[Math.floor(rand() * pool.length)]!;
      if (rand() < 0.03) v = `${v}\nmore`;
      fields.push(rand() < 0.1 ? `"${v.replace(/"/g, '""')}"` : quote(v, d));
    }
    lines.push(fields.join(d));
  }
  return (rand() < 0.2 ? '\ufeff' : '') + lines.join(eol) + (rand() < 0.5 ? eol : '');
}

describe('streaming seed inference', () => {
  it.each([',', ';', '\t', '|'])('agrees with the text path on 150 generated files (delimiter %j), whatever the read size', (d) => {
    const rand = mulberry32(d.charCodeAt(0));
    for (let n = 0; n < 150; n++) {
      const text = generate(rand, d);
      const file = join(dir, `f${n}.csv`);
      writeFileSync(file, text);
      const expected = inferSeedColumnsFromText(text, { delimiter: d });
      for (const chunk of [3, 64, 1 << 20]) {
        expect(inferSeedColumns(file, { delimiter: d }, chunk), `${JSON.stringify(text)} (chunk ${chunk})`).toEqual(expected);
      }
    }
  });

  it('skips columns given in column_types, and reads an empty or header-only file', () => {
    const file = join(dir, 'ct.csv');
    writeFileSync(file, 'a,b\n1,x\n2,y\n');
    expect(inferSeedColumns(file, { columnTypes: { A: 'text' } })).toEqual([
      { name: 'a', type: 'text', parse: 'override' },
      { name: 'b', type: 'VARCHAR', parse: 'text', shape: { nullWords: false, padded: false, grouped: false, upper: false } },
    ]);
    // An overridden column is never read, whatever its values (quoted, 'null', non-ASCII).
    writeFileSync(file, 'a,b\n"1,""2""",x\n null ,y\nété,z\n');
    expect(inferSeedColumns(file, { columnTypes: { a: 'text' } })).toEqual(inferSeedColumnsFromText('a,b\n"1,""2""",x\n null ,y\nété,z\n', { columnTypes: { a: 'text' } }));
    writeFileSync(file, '');
    expect(inferSeedColumns(file)).toEqual([]);
    writeFileSync(file, '\n\nx,y');
    expect(inferSeedColumns(file)).toEqual(inferSeedColumnsFromText('\n\nx,y'));
  });
});
