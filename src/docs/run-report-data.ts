/**
 * target/run_results.json → the run report's data: one item per result with its thread,
 * start offset and duration, for the timeline and the slowest-nodes table. The file may come
 * from dbt or an older tx, so every field is read defensively; an unreadable file gives null.
 */
import type { RunItem, RunReport } from './site-types.js';

type Rec = Record<string, unknown>;

const isRec = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** dbt writes microseconds (`…:46.123000Z`); Date.parse wants at most milliseconds. */
function parseTime(v: unknown): number | null {
  if (typeof v !== 'string') return null;
  const t = Date.parse(v.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(t) ? null : t;
}

/** From the first phase's start to the last one's end (compile + execute), in epoch ms; skipped nodes have none. */
function span(timing: unknown): [number, number] | null {
  if (!Array.isArray(timing)) return null;
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const t of timing.filter(isRec)) {
    const s = parseTime(t['started_at']);
    const e = parseTime(t['completed_at']);
    if (s === null || e === null) continue;
    start = Math.min(start, s);
    end = Math.max(end, e);
  }
  return Number.isFinite(start) ? [start, Math.max(start, end)] : null;
}

export function buildRunReport(raw: unknown, indexOf: ReadonlyMap<string, number>): RunReport | null {
  if (!isRec(raw) || !Array.isArray(raw['results'])) return null;
  const meta = isRec(raw['metadata']) ? raw['metadata'] : {};
  const args = isRec(raw['args']) ? raw['args'] : {};
  const rows = raw['results'].filter(isRec).map((r) => ({ r, span: span(r['timing']) }));
  const origin = Math.min(...rows.map((x) => x.span?.[0] ?? Number.POSITIVE_INFINITY));
  const items = rows.map(({ r, span: s }): RunItem => {
    const id = str(r['unique_id']) ?? '';
    const response = isRec(r['adapter_response']) ? r['adapter_response'] : {};
    const affected = num(response['rows_affected']);
    const exec = num(r['execution_time']) ?? 0;
    return {
      node: indexOf.get(id) ?? -1,
      id,
      status: str(r['status']) ?? 'unknown',
      thread: str(r['thread_id']) ?? 'main',
      start: s === null || !Number.isFinite(origin) ? null : s[0] - origin,
      dur: s === null ? Math.round(exec * 1000) : s[1] - s[0],
      rows: affected !== null && affected >= 0 ? affected : null,
      failures: num(r['failures']),
      msg: str(r['message']),
    };
  });
  return {
    invocationId: str(meta['invocation_id']) ?? '',
    generatedAt: str(meta['generated_at']) ?? '',
    command: str(args['which']),
    elapsed: num(raw['elapsed_time']) ?? 0,
    items,
  };
}
