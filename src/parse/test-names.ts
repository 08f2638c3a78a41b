/**
 * Generic test names and unique_ids exactly as dbt synthesizes them, so run_results,
 * selectors and `--select unique_orders_id` line up with dbt's.
 */
import { createHash } from 'node:crypto';
import { pyRepr, pyStr } from '../jinja/py-values.js';

const md5 = (s: string): string => createHash('md5').update(s, 'utf8').digest('hex');

export interface TestNames {
  /** Short (< 64 chars) name: the compiled file and the default alias. */
  short: string;
  /** Full name: the unique_id, fqn and node name. */
  full: string;
}

/**
 * `<test>_<target>_<args…>`: args sorted by name (model left out), dicts by value, lists
 * flattened, every run of non-word characters turned into `_`; names of 64+ characters get
 * a short form of the first 30 characters plus an md5 of the full name.
 */
export function synthesizeTestNames(testType: string, targetName: string, args: Record<string, unknown>): TestNames {
  const flat: string[] = [];
  for (const key of Object.keys(args).sort()) {
    if (key === 'model') continue;
    const v = args[key];
    const parts = Array.isArray(v) ? v : v !== null && typeof v === 'object' ? Object.values(v) : [v];
    for (const p of parts) flat.push(pyStr(p));
  }
  const unique = flat.map((a) => a.replace(/[^0-9a-zA-Z_]+/g, '_')).join('__');
  const identifier = `${testType}_${targetName}`;
  const full = `${identifier}_${unique}`;
  const short = full.length >= 64 ? `${identifier.slice(0, 30)}_${md5(full)}` : full;
  return { short, full };
}

/** dbt's get_hashable_md: dict keys sorted, every leaf turned into its str(). */
function hashable(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(hashable);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = hashable((v as Record<string, unknown>)[k]);
    return out;
  }
  return pyStr(v);
}

/** The 10-character suffix of a generic test's unique_id: md5(name + repr(hashable metadata)). */
export function testHash(name: string, metadata: { name: string; kwargs: Record<string, unknown>; namespace: string | null }): string {
  return md5(name + pyRepr(hashable(metadata))).slice(-10);
}
