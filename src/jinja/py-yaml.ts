/**
 * dbt's fromyaml/toyaml as PyYAML's safe_load/safe_dump behave: YAML 1.1 (`yes` is true),
 * `1.0` stays a float, block style with sequences not indented under their key, and `...`
 * after a plain top-level scalar.
 */
import YAML from 'yaml';
import { asString } from './py-values.js';
import { PyFloat, isPlainObject, mkFloat } from './py-types.js';

export function fromYaml(src: string): unknown {
  const doc = YAML.parseDocument(src, { version: '1.1' });
  if (doc.errors.length > 0) throw doc.errors[0];
  YAML.visit(doc, {
    Scalar(_key, node) {
      // YAML 1.1 reads y/n as booleans; PyYAML does not.
      if (typeof node.value === 'boolean' && /^[yYnN]$/.test(node.source ?? '')) node.value = node.source;
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
