/**
 * A source `freshness:` block as written in YAML (properties files, `config:`, or
 * `+freshness` in dbt_project.yml), validated once: `warn_after` / `error_after` as
 * `{count, period}` with period minute|hour|day, and `filter`. Problems carry the keypath
 * they are about, so each caller can point into its own file.
 *
 * A key left out stays undefined and an explicit `null` stays null: dbt's merge of the
 * source, table and config layers treats the two differently (null disables).
 */
import { didYouMeanHint } from '../util/did-you-mean.js';

export const FRESHNESS_PERIODS = ['minute', 'hour', 'day'] as const;
export type FreshnessPeriod = (typeof FRESHNESS_PERIODS)[number];

/** dbt's Time: both parts are needed for the threshold to apply. */
export interface FreshnessTime {
  count: number | null;
  period: FreshnessPeriod | null;
}

/** One layer of freshness config, as written. */
export interface FreshnessLayer {
  warn_after?: FreshnessTime | null;
  error_after?: FreshnessTime | null;
  filter?: string | null;
}

export interface FreshnessProblem {
  severity: 'error' | 'warn';
  message: string;
  /** Keypath of the offending key, from the root of the file. */
  path: (string | number)[];
  hint?: string;
}

const FRESHNESS_KEYS = ['warn_after', 'error_after', 'filter'];
const TIME_KEYS = ['count', 'period'];

const isDict = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a `freshness` value at `path`. `unknownKeys` says what an unknown key is: dbt
 * rejects it in a source's own properties but ignores it inside `config:` and dbt_project.yml.
 * The layer is null for `freshness: null`, and undefined when an error makes it unusable.
 */
export function readFreshness(
  value: unknown,
  path: (string | number)[],
  unknownKeys: 'error' | 'warn' = 'error',
): { layer: FreshnessLayer | null | undefined; problems: FreshnessProblem[] } {
  const problems: FreshnessProblem[] = [];
  if (value === null) return { layer: null, problems };
  if (!isDict(value)) {
    problems.push({ severity: 'error', path, message: "'freshness' must be a mapping (warn_after, error_after, filter), or null to disable it" });
    return { layer: undefined, problems };
  }
  const layer: FreshnessLayer = {};
  for (const [key, v] of Object.entries(value)) {
    const kp = [...path, key];
    if (key === 'warn_after' || key === 'error_after') {
      const t = readTime(v, key, kp, problems, unknownKeys);
      if (t !== undefined) layer[key] = t;
    } else if (key === 'filter') {
      if (v === null || typeof v === 'string') layer.filter = v;
      else problems.push({ severity: 'error', path: kp, message: "freshness 'filter' must be a SQL condition (a string)" });
    } else {
      problems.push({
        severity: unknownKeys, path: kp,
        message: `unknown key '${key}' in freshness${unknownKeys === 'warn' ? '; it is ignored' : ''}`,
        hint: didYouMeanHint(key, FRESHNESS_KEYS) ?? `expected: ${FRESHNESS_KEYS.join(', ')}`,
      });
    }
  }
  return { layer: problems.some((p) => p.severity === 'error') ? undefined : layer, problems };
}

function readTime(
  v: unknown, key: string, kp: (string | number)[], problems: FreshnessProblem[], unknownKeys: 'error' | 'warn',
): FreshnessTime | null | undefined {
  if (v === null) return null;
  if (!isDict(v)) {
    problems.push({ severity: 'error', path: kp, message: `'${key}' must be a mapping like {count: 12, period: hour}` });
    return undefined;
  }
  let ok = true;
  for (const k of Object.keys(v)) {
    if (TIME_KEYS.includes(k)) continue;
    problems.push({
      severity: unknownKeys, path: [...kp, k], message: `unknown key '${k}' in '${key}'${unknownKeys === 'warn' ? '; it is ignored' : ''}`,
      hint: didYouMeanHint(k, TIME_KEYS) ?? 'expected: count, period',
    });
    if (unknownKeys === 'error') ok = false;
  }
  const count = v['count'] ?? null;
  if (count !== null && !(typeof count === 'number' && Number.isInteger(count))) {
    problems.push({ severity: 'error', path: [...kp, 'count'], message: `'${key}.count' must be a whole number, got ${JSON.stringify(count)}` });
    ok = false;
  }
  const period = v['period'] ?? null;
  if (period !== null && !(FRESHNESS_PERIODS as readonly unknown[]).includes(period)) {
    problems.push({
      severity: 'error', path: [...kp, 'period'],
      message: `'${String(period)}' is not a valid freshness period`,
      hint: (typeof period === 'string' ? didYouMeanHint(period, FRESHNESS_PERIODS) : undefined) ?? 'expected one of: minute, hour, day',
    });
    ok = false;
  }
  if (!ok) return undefined;
  if ((count === null) !== (period === null)) {
    problems.push({
      severity: 'warn', path: kp,
      message: `'${key}' needs both count and period; without ${count === null ? 'count' : 'period'} it never applies`,
    });
  }
  return { count: count as number | null, period: period as FreshnessPeriod | null };
}
