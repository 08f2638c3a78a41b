/**
 * Seed column types the way dbt infers them with agate (dbt_common's type tester, in order:
 * Integer, Number, Date '%Y-%m-%d', DateTime '%Y-%m-%d %H:%M:%S', ISO datetime, Boolean, Text;
 * 'null' and '' are null) and maps them through dbt-duckdb's SQLAdapter conversions:
 * number without decimals → integer, with decimals → float8 (DOUBLE), date, timestamp,
 * boolean, text (VARCHAR). Only the types are decided here; DuckDB's CSV reader loads the rows.
 */
import { readFileSync } from 'node:fs';
import { readCsv } from './csv.js';
import type { SeedColumn, SeedParse } from './types.js';

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

class ColumnTester {
  number = true;
  decimals = false;
  wide = false;
  date = true;
  datetime = true;
  iso = true;
  boolean = true;

  see(raw: string): void {
    if (isNullText(raw)) return;
    const v = raw.trim();
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
  if (!header) return [];
  const overrides = new Map(Object.entries(opts.columnTypes ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  return header.map((name, i) => {
    const override = overrides.get(name.toLowerCase());
    if (override !== undefined) return { name, type: override, parse: 'override' };
    const r = (testers[i] ?? new ColumnTester()).result();
    return { name, type: r.type, parse: r.parse };
  });
}

export function inferSeedColumns(absPath: string, opts: InferOptions = {}): SeedColumn[] {
  return inferSeedColumnsFromText(readFileSync(absPath, 'utf8'), opts);
}
