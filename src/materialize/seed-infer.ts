/**
 * Seed column types the way dbt infers them with agate (dbt_common's type tester, in order:
 * Integer, Number, Date '%Y-%m-%d', DateTime '%Y-%m-%d %H:%M:%S', ISO datetime, Boolean, Text;
 * 'null' and '' are null) and maps them through dbt-duckdb's SQLAdapter conversions:
 * number without decimals → integer, with decimals → float8 (DOUBLE), date, timestamp,
 * boolean, text (VARCHAR). Only the types are decided here; DuckDB's CSV reader loads the rows.
 */
import { readFileSync } from 'node:fs';
import { readCsv } from './csv.js';
import { readSeedHeader, scanSeedTypes, type Tester } from './seed-type-scan.js';
import type { SeedColumn, SeedParse, SeedValueShape } from './types.js';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DATETIME = /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2})$/;
const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})(:?(\d{2})(:?(\d{2})([.,]\d+)?)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;
const INT32_MAX = 2147483647;

export function isNullText(v: string): boolean {
  const t = v.trim().toLowerCase();
  return t === '' || t === 'null';
}

function validDate(y: string | undefined, m: string | undefined, d: string | undefined): boolean {
  const yy = Number(y), mm = Number(m), dd = Number(d);
  if (mm < 1 || mm > 12 || dd < 1 || yy < 1) return false;
  return dd <= new Date(Date.UTC(yy, mm, 0)).getUTCDate();
}

class ColumnTester implements Tester {
  number = true;
  decimals = false;
  wide = false;
  date = true;
  datetime = true;
  iso = true;
  boolean = true;
  nullWords = false;
  padded = false;
  grouped = false;
  upper = false;

  see(raw: string): void {
    if (isNullText(raw)) {
      // '' is null as it is; 'null' and blanks need the load's null test.
      if (raw !== '') this.nullWords = true;
      return;
    }
    const v = raw.trim();
    if (v !== raw) this.padded = true;
    if (v.includes(',')) this.grouped = true;
    if (/[A-Z]/.test(v)) this.upper = true;
    if (this.number) {
      const n = v.replace(/,/g, ''); // agate drops the group separator
      if (!NUMBER.test(n)) this.number = false;
      else if (/[.eE]/.test(n) && !/^[+-]?\d+\.$/.test(n)) this.decimals = true;
      else if (Math.abs(Number(n)) > INT32_MAX) this.wide = true;
    }
    if (this.date) {
      const m = DATE.exec(v);
      if (!m || !validDate(m[1], m[2], m[3])) this.date = false;
    }
    if (this.datetime) {
      const m = DATETIME.exec(v);
      if (!m || !validDate(m[1], m[2], m[3]) || Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59) {
        this.datetime = false;
      }
    }
    if (this.iso) {
      const m = ISO_DATETIME.exec(v);
      if (!m || !validDate(m[1], m[2], m[3])) this.iso = false;
    }
    if (this.boolean) {
      const b = v.replace(/,/g, '').toLowerCase();
      if (b !== 'true' && b !== 'false') this.boolean = false;
    }
  }

  /** The value shape the chosen parse depends on (the rest is left false, so both inference paths agree). */
  shape(parse: SeedParse): SeedValueShape {
    const numeric = parse === 'integer' || parse === 'number' || parse === 'boolean';
    return {
      nullWords: this.nullWords,
      padded: parse !== 'text' && this.padded,
      grouped: numeric && this.grouped,
      upper: parse === 'boolean' && this.upper,
    };
  }

  result(): { type: string; parse: SeedParse } {
    // An all-null column passes every tester; agate then picks the first: Integer.
    if (this.number) {
      if (this.decimals) return { type: 'DOUBLE', parse: 'number' };
      // dbt says `integer` and would overflow; BIGINT keeps such seeds loadable.
      return { type: this.wide ? 'BIGINT' : 'INTEGER', parse: 'integer' };
    }
    if (this.date) return { type: 'DATE', parse: 'date' };
    if (this.datetime || this.iso) return { type: 'TIMESTAMP', parse: 'timestamp' };
    if (this.boolean) return { type: 'BOOLEAN', parse: 'boolean' };
    return { type: 'VARCHAR', parse: 'text' };
  }
}

export interface InferOptions {
  delimiter?: string;
  /** dbt's `column_types` config: column name → SQL type, used as given. */
  columnTypes?: Record<string, string>;
}

export function inferSeedColumnsFromText(text: string, opts: InferOptions = {}): SeedColumn[] {
  let header: string[] | undefined;
  let testers: ColumnTester[] = [];
  readCsv(text, opts.delimiter ?? ',', (row) => {
    if (!header) {
      header = row;
      testers = row.map(() => new ColumnTester());
      return;
    }
    for (let i = 0; i < testers.length; i++) testers[i]?.see(row[i] ?? '');
  });
  return header ? columnsOf(header, testers, opts) : [];
}

function columnsOf(header: string[], testers: readonly (ColumnTester | undefined)[], opts: InferOptions): SeedColumn[] {
  const overrides = new Map(Object.entries(opts.columnTypes ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  return header.map((name, i) => {
    const override = overrides.get(name.toLowerCase());
    if (override !== undefined) return { name, type: override, parse: 'override' };
    const t = testers[i] ?? new ColumnTester();
    const r = t.result();
    return { name, type: r.type, parse: r.parse, shape: t.shape(r.parse) };
  });
}

/**
 * The same inference straight from the file, in one streaming pass over its bytes (see
 * seed-type-scan.ts): a million-row seed is typed in a fraction of the time DuckDB takes to read
 * it. Columns given in column_types are not examined at all. A delimiter that is not one ASCII
 * character takes the text path. `chunkBytes`, the read size, is for tests (records cut across chunks).
 */
export function inferSeedColumns(absPath: string, opts: InferOptions = {}, chunkBytes?: number): SeedColumn[] {
  const delimiter = opts.delimiter ?? ',';
  const code = delimiter.charCodeAt(0);
  if (delimiter.length !== 1 || code >= 0x80 || code === 34 || code === 10 || code === 13) {
    return inferSeedColumnsFromText(readFileSync(absPath, 'utf8'), opts);
  }
  const { names, end } = readSeedHeader(absPath, code);
  if (names.length === 0) return [];
  const overridden = new Set(Object.keys(opts.columnTypes ?? {}).map((k) => k.toLowerCase()));
  // A column with a column_types entry needs no inference: no tester, so the scan skips it.
  const testers = names.map((n) => (overridden.has(n.toLowerCase()) ? undefined : new ColumnTester()));
  scanSeedTypes(absPath, end, code, testers, chunkBytes);
  return columnsOf(names, testers, opts);
}
