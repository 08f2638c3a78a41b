/**
 * sources.json in dbt's sources v3 shape (FreshnessExecutionResultArtifact): one entry per
 * checked source, in dbt's field order, and a reader for a previous one (`source_status:`).
 */
import type { FreshnessStatus, FreshnessThreshold } from '../parse/source-freshness.js';
import type { TimingEntry } from './run-results.js';
import { artifactMetadata } from './version.js';
import { dbtTimestamp } from './timestamps.js';
import { readJsonArtifact } from './read-json.js';
import { TxCodes, TxError } from '../errors/tx-error.js';

export const SOURCES_SCHEMA = 'https://schemas.getdbt.com/dbt/sources/v3.json';

export interface SourceFreshnessOutput {
  unique_id: string;
  status: FreshnessStatus;
  max_loaded_at: Date;
  snapshotted_at: Date;
  /** Seconds from max_loaded_at to snapshotted_at. */
  age: number;
  criteria: FreshnessThreshold;
  adapter_response: Record<string, unknown>;
  timing: TimingEntry[];
  thread_id: string;
  execution_time: number;
}

export interface SourceFreshnessRuntimeError {
  unique_id: string;
  status: 'runtime error';
  error: string;
}

export type SourceFreshnessEntry = SourceFreshnessOutput | SourceFreshnessRuntimeError;

export interface SourcesJsonInput {
  invocationId: string;
  generatedAt: Date;
  invocationStartedAt?: Date;
  elapsedSeconds: number;
  results: SourceFreshnessEntry[];
}

/**
 * Python's `datetime.isoformat()` of an aware UTC datetime, as dbt writes max_loaded_at and
 * snapshotted_at: `2024-05-01T10:00:00.123000+00:00`, no fraction when it is zero.
 */
export function isoformatUtc(d: Date): string {
  const body = d.toISOString().slice(0, 19); // years 0001–9999: always YYYY-MM-DDTHH:MM:SS
  const ms = d.getUTCMilliseconds();
  return `${body}${ms === 0 ? '' : `.${String(ms).padStart(3, '0')}000`}+00:00`;
}

function criteria(t: FreshnessThreshold): Record<string, unknown> {
  const time = (x: FreshnessThreshold['warn_after']) => (x === null ? null : { count: x.count, period: x.period });
  return { warn_after: time(t.warn_after), error_after: time(t.error_after), filter: t.filter };
}

function entry(r: SourceFreshnessEntry): Record<string, unknown> {
  if (r.status === 'runtime error') return { unique_id: r.unique_id, error: r.error, status: r.status };
  return {
    unique_id: r.unique_id,
    max_loaded_at: isoformatUtc(r.max_loaded_at),
    snapshotted_at: isoformatUtc(r.snapshotted_at),
    max_loaded_at_time_ago_in_s: r.age,
    status: r.status,
    criteria: criteria(r.criteria),
    adapter_response: r.adapter_response,
    timing: r.timing.map((t) => ({ name: t.name, started_at: dbtTimestamp(t.started_at), completed_at: dbtTimestamp(t.completed_at) })),
    thread_id: r.thread_id,
    execution_time: r.execution_time,
  };
}

export function buildSourcesJson(input: SourcesJsonInput): object {
  const metadata = artifactMetadata(SOURCES_SCHEMA, input);
  return { metadata, results: input.results.map(entry), elapsed_time: input.elapsedSeconds };
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/** An ISO timestamp (naive = UTC, as dbt assumes) as microseconds since the epoch; undefined if unreadable. */
export function isoMicros(s: string): bigint | undefined {
  const m = ISO.exec(s.trim());
  if (!m) return undefined;
  const d = new Date(Date.UTC(2000, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
  d.setUTCFullYear(Number(m[1]));
  const micros = BigInt((m[7] ?? '').padEnd(6, '0').slice(0, 6) || '0');
  let offsetMinutes = 0;
  const tz = m[8];
  if (tz !== undefined && tz !== 'Z') {
    const sign = tz.startsWith('-') ? -1 : 1;
    const digits = tz.slice(1).replace(':', '');
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
  }
  return BigInt(d.getTime() - offsetMinutes * 60_000) * 1000n + micros;
}

/**
 * The max_loaded_at of each source in a sources.json (tx's or dbt's), as microseconds;
 * sources whose check was a runtime error are left out, as dbt's source_status does.
 */
export function readLoadedAt(path: string): Map<string, bigint> {
  const raw = readJsonArtifact(path);
  const results = (raw as { results?: unknown } | null)?.results;
  if (!Array.isArray(results)) {
    throw new TxError({ code: TxCodes.Usage, message: `${path} is not a dbt sources.json (no 'results')`, loc: { file: path, line: 0, col: 0 } });
  }
  const out = new Map<string, bigint>();
  for (const r of results as Record<string, unknown>[]) {
    if (typeof r?.['unique_id'] !== 'string' || typeof r['max_loaded_at'] !== 'string') continue;
    const at = isoMicros(r['max_loaded_at']);
    if (at !== undefined) out.set(r['unique_id'], at);
  }
  return out;
}
