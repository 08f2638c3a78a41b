/**
 * Microbatch time windows, exactly as dbt's MicrobatchBuilder computes them (UTC):
 *  end   = ceiling(--event-time-end or now, batch_size)
 *  start = truncate(--event-time-start), else on a first run / full refresh truncate(begin),
 *          else end - (lookback + 1) batches (the end is always on a batch boundary)
 * then [start, end) cut into batch_size windows.
 */
import type { NodeConfig } from '../parse/manifest-types.js';
import { TxCodes, TxError, type SourceLoc } from '../errors/tx-error.js';

export type BatchSize = 'hour' | 'day' | 'month' | 'year';
export const BATCH_SIZES: readonly BatchSize[] = ['hour', 'day', 'month', 'year'];

export interface Batch {
  start: Date;
  end: Date;
}

export function truncateTimestamp(d: Date, size: BatchSize): Date {
  const y = d.getUTCFullYear();
  switch (size) {
    case 'hour':
      return new Date(Date.UTC(y, d.getUTCMonth(), d.getUTCDate(), d.getUTCHours()));
    case 'day':
      return new Date(Date.UTC(y, d.getUTCMonth(), d.getUTCDate()));
    case 'month':
      return new Date(Date.UTC(y, d.getUTCMonth(), 1));
    case 'year':
      return new Date(Date.UTC(y, 0, 1));
  }
}

/** Truncates, then moves by `offset` batches (dbt's offset_timestamp). */
export function offsetTimestamp(d: Date, size: BatchSize, offset: number): Date {
  const t = truncateTimestamp(d, size);
  switch (size) {
    case 'hour':
      return new Date(t.getTime() + offset * 3_600_000);
    case 'day':
      return new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + offset));
    case 'month':
      return new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + offset, 1));
    case 'year':
      return new Date(Date.UTC(t.getUTCFullYear() + offset, 0, 1));
  }
}

export function ceilingTimestamp(d: Date, size: BatchSize): Date {
  const t = truncateTimestamp(d, size);
  return t.getTime() === d.getTime() ? t : offsetTimestamp(t, size, 1);
}

export interface BatchPlanInput {
  batchSize: BatchSize;
  begin: Date | null;
  lookback: number;
  /** The table exists and this is not a full refresh. */
  isIncremental: boolean;
  now: Date;
  eventTimeStart?: Date | undefined;
  eventTimeEnd?: Date | undefined;
  model: string;
  loc: SourceLoc;
}

export function buildBatches(input: BatchPlanInput): Batch[] {
  const size = input.batchSize;
  const end = ceilingTimestamp(input.eventTimeEnd ?? input.now, size);
  let start: Date;
  if (input.eventTimeStart) start = truncateTimestamp(input.eventTimeStart, size);
  else if (!input.isIncremental) {
    if (!input.begin) {
      throw new TxError({ code: TxCodes.ConfigInvalid, message: `Microbatch model '${input.model}' requires a 'begin' configuration.`, loc: input.loc, hint: "set begin: '2024-01-01' (the first event time to process)" });
    }
    start = truncateTimestamp(input.begin, size);
  } else {
    // The end is a batch boundary, so the last batch ends there: look back one more (dbt's rule).
    start = offsetTimestamp(end, size, -1 * (input.lookback + 1));
  }
  const batches: Batch[] = [];
  if (start.getTime() >= end.getTime()) return batches;
  let cur = start;
  while (cur.getTime() < end.getTime()) {
    const next = offsetTimestamp(cur, size, 1);
    batches.push({ start: cur, end: next.getTime() > end.getTime() ? end : next });
    cur = next;
  }
  return batches;
}

const p2 = (n: number): string => String(n).padStart(2, '0');

/** dbt's format_batch_start: 2024, 2024-09, 2024-09-17, 2024-09-17T16. */
export function formatBatchStart(d: Date, size: BatchSize): string {
  const y = String(d.getUTCFullYear()).padStart(4, '0');
  const m = p2(d.getUTCMonth() + 1);
  const day = p2(d.getUTCDate());
  if (size === 'year') return y;
  if (size === 'month') return `${y}-${m}`;
  if (size === 'day') return `${y}-${m}-${day}`;
  return `${y}-${m}-${day}T${p2(d.getUTCHours())}`;
}

/** dbt's batch_id: the formatted start without dashes. */
export function batchId(d: Date, size: BatchSize): string {
  return formatBatchStart(d, size).replace(/-/g, '');
}

/** Python's str() of an aware UTC datetime: '2024-09-17 00:00:00+00:00' (the filter literal). */
export function pyUtcString(d: Date): string {
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}+00:00`;
}

/** isoformat() of an aware UTC datetime, as run_results and model.batch carry it. */
export function isoUtc(d: Date): string {
  return pyUtcString(d).replace(' ', 'T');
}

/** Parses begin / --event-time-* values: ISO dates or datetimes, naive meaning UTC. */
export function parseEventTime(value: unknown): Date | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (value instanceof Date) return value;
  let s: string;
  if (typeof value === 'object' && typeof (value as { isoformat?: unknown }).isoformat === 'function') {
    s = String((value as { isoformat(): unknown }).isoformat());
  } else s = String(value);
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(s.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', sec = '0', tz] = m;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec));
  if (tz && tz !== 'Z') {
    const sign = tz.startsWith('-') ? -1 : 1;
    const digits = tz.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return new Date(ms);
}

export interface MicrobatchSettings {
  eventTime: string;
  batchSize: BatchSize;
  begin: Date | null;
  lookback: number;
}

/** Reads and checks a microbatch model's config (dbt validates these at parse time). */
export function microbatchSettings(config: NodeConfig, model: string, loc: SourceLoc): MicrobatchSettings {
  const fail = (message: string, hint?: string): never => {
    throw new TxError({ code: TxCodes.ConfigInvalid, message, loc, hint });
  };
  const eventTime = config['event_time'];
  if (typeof eventTime !== 'string' || eventTime === '') fail(`Microbatch model '${model}' must provide an 'event_time' (string) config that indicates the name of the event time column.`);
  const size = config['batch_size'];
  if (typeof size !== 'string' || !(BATCH_SIZES as readonly string[]).includes(size)) {
    fail(`Microbatch model '${model}' must provide a 'batch_size' config that is one of [${BATCH_SIZES.join(', ')}].`);
  }
  const rawBegin = config['begin'];
  const begin = parseEventTime(rawBegin) ?? null;
  if (rawBegin !== undefined && rawBegin !== null && rawBegin !== '' && begin === null) {
    fail(`Microbatch model '${model}' has a 'begin' config that is not a datetime: ${String(rawBegin)}`, "write it as '2024-01-01' or '2024-01-01 00:00:00'");
  }
  const lookback = config['lookback'] ?? 1;
  if (typeof lookback !== 'number' || !Number.isInteger(lookback) || lookback < 0) {
    fail(`Microbatch model '${model}' must provide the optional 'lookback' config as a non-negative integer.`);
  }
  return { eventTime: eventTime as string, batchSize: size as BatchSize, begin, lookback: lookback as number };
}
