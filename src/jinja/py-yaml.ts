/**
 * dbt's fromyaml/toyaml as PyYAML's safe_load/safe_dump behave: YAML 1.1 (`yes` is true),
 * `1.0` stays a float, block style with sequences not indented under their key, and `...`
 * after a plain top-level scalar.
 */
import YAML from 'yaml';
import { asString } from './py-values.js';
import { PyFloat, isPlainObject, mkFloat } from './py-types.js';
import { PyDate, PyDateTime, checkedDays } from './py-datetime.js';
import { offsetTz } from './py-timezone.js';

const TIMESTAMP = /^(\d{4})-(\d\d?)-(\d\d?)(?:(?:[Tt]|[ \t]+)(\d\d?):(\d\d):(\d\d)(?:\.(\d*))?(?:[ \t]*(Z|[-+]\d\d?(?::?\d\d)?))?)?$/;

/** PyYAML's timestamps: a date is datetime.date, a time of day makes a datetime (aware with a zone). */
function pyTimestamp(src: string): PyDate | undefined {
  const m = TIMESTAMP.exec(src.trim());
  if (!m) return undefined;
  const days = checkedDays(Number(m[1]), Number(m[2]), Number(m[3]));
  if (m[4] === undefined) return new PyDate(days);
  const us = ((Number(m[4]) * 60 + Number(m[5])) * 60 + Number(m[6])) * 1_000_000 + Number((m[7] ?? '').slice(0, 6).padEnd(6, '0'));
  return new PyDateTime(days, us, m[8] === undefined ? null : offsetTz(m[8]));
}

export function fromYaml(src: string): unknown {
  const doc = YAML.parseDocument(src, { version: '1.1' });
  if (doc.errors.length > 0) throw doc.errors[0];
  YAML.visit(doc, {
    Scalar(_key, node) {
      // YAML 1.1 reads y/n as booleans; PyYAML does not.
      if (typeof node.value === 'boolean' && /^[yYnN]$/.test(node.source ?? '')) node.value = node.source;
      if (node.value instanceof Date) {
        const v = pyTimestamp(node.source ?? '');
        if (v) node.value = v;
      }
      if (typeof node.value === 'number' && Number.isInteger(node.value) && /[.eE]/.test(node.source ?? '') && !/^[-+]?0x/i.test(node.source ?? '')) {
        node.value = mkFloat(node.value);
      }
    },
  });
  return doc.toJS() as unknown;
}

/** Values YAML.stringify understands: floats keep a fraction digit, tuples and sets are lists. */
function toNode(v: unknown): unknown {
  const s = asString(v);
  if (s !== undefined) return s;
  if (v === undefined) return null;
  // Dates dump as YAML timestamps (a date alone as 2024-01-02), as PyYAML writes them.
  if (v instanceof PyDate) return new Date(Math.floor(v.valueOf() / 1000));
  if (v instanceof PyFloat) {
    const n = new YAML.Scalar(v.value);
    n.minFractionDigits = 1;
    return n;
  }
  if (Array.isArray(v) || v instanceof Set) return [...v].map(toNode);
  if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toNode(x)]));
  return v;
}

export function toYaml(value: unknown, sortKeys: boolean): string {
  const out = YAML.stringify(toNode(value), { version: '1.1', indentSeq: false, singleQuote: true, sortMapEntries: sortKeys, nullStr: 'null' });
  const scalar = value === null || value === undefined || typeof value !== 'object' || value instanceof PyFloat || asString(value) !== undefined;
  return scalar && !/^['"]/.test(out) ? out + '...\n' : out;
}
