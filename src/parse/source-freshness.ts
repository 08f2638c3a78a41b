/**
 * A source's freshness criteria, as dbt resolves and applies them (dbt-core
 * parser/sources.py `merge_source_freshness`, artifacts `FreshnessThreshold`, `Time`).
 *
 * Layers, lowest first: dbt_project.yml `+freshness`, the source's `freshness:`, the source's
 * `config.freshness`, the table's `freshness:`, the table's `config.freshness`. A layer that
 * does not mention freshness is an empty threshold and changes nothing; `null` disables
 * freshness until a later layer sets a threshold again. Two thresholds merge key by key:
 * `filter` from the later one when it sets it, and each of warn_after / error_after from the
 * later one when it is complete (count and period), kept from the earlier one when the later
 * one is incomplete, dropped when the later one is null.
 */
import type { FreshnessLayer, FreshnessPeriod, FreshnessTime } from '../project/freshness-yaml.js';

export interface FreshnessThreshold {
  warn_after: FreshnessTime | null;
  error_after: FreshnessTime | null;
  filter: string | null;
}

export type FreshnessStatus = 'pass' | 'warn' | 'error';

const emptyTime = (): FreshnessTime => ({ count: null, period: null });

/** dbt's `bool(Time)`: both count and period are set. */
export function isCompleteTime(t: FreshnessTime | null | undefined): t is FreshnessTime & { count: number; period: FreshnessPeriod } {
  return t !== null && t !== undefined && t.count !== null && t.period !== null;
}

/** dbt's `bool(FreshnessThreshold)` (SourceDefinition.has_freshness): some threshold applies. */
export function hasFreshness(t: FreshnessThreshold | null | undefined): t is FreshnessThreshold {
  return t !== null && t !== undefined && (isCompleteTime(t.warn_after) || isCompleteTime(t.error_after));
}

/** A layer as dbt reads it: missing keys are empty (`Time()`), an unmentioned layer an empty threshold. */
export function thresholdOf(layer: FreshnessLayer | null | undefined): FreshnessThreshold | null {
  if (layer === null) return null;
  return {
    warn_after: layer?.warn_after === undefined ? emptyTime() : layer.warn_after,
    error_after: layer?.error_after === undefined ? emptyTime() : layer.error_after,
    filter: layer?.filter ?? null,
  };
}

function mergeTime(base: FreshnessTime | null, update: FreshnessTime | null): FreshnessTime | null {
  if (update === null) return null;
  if (isCompleteTime(update)) return { ...update };
  return base;
}

/** dbt's merge_source_freshness over the layers, lowest precedence first. */
export function mergeSourceFreshness(...layers: (FreshnessThreshold | null)[]): FreshnessThreshold | null {
  let current: FreshnessThreshold | null = layers[0] ?? null;
  for (const update of layers.slice(1)) {
    if (current !== null && update !== null) {
      current = {
        warn_after: mergeTime(current.warn_after, update.warn_after),
        error_after: mergeTime(current.error_after, update.error_after),
        filter: update.filter ?? current.filter,
      };
    } else if (current === null && hasFreshness(update)) {
      current = update;
    } else {
      current = null;
    }
  }
  return current;
}

const PERIOD_SECONDS: Record<FreshnessPeriod, number> = { minute: 60, hour: 3600, day: 86400 };

/** dbt's Time.exceeded: strictly older than count × period. */
export function exceeded(t: FreshnessTime | null, ageSeconds: number): boolean {
  if (!isCompleteTime(t)) return false;
  return ageSeconds > t.count * PERIOD_SECONDS[t.period];
}

/** dbt's FreshnessThreshold.status: error_after first, then warn_after. */
export function freshnessStatus(t: FreshnessThreshold, ageSeconds: number): FreshnessStatus {
  if (exceeded(t.error_after, ageSeconds)) return 'error';
  if (exceeded(t.warn_after, ageSeconds)) return 'warn';
  return 'pass';
}
