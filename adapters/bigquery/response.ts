/**
 * dbt-bigquery's adapter_response for a finished job: the statement type, rows, bytes
 * processed and billed, slot time, and where the job ran (its id, project and location), so
 * run_results.json points at the job in the console. Pure.
 */

/** The parts of a job resource (JobMetadata) this reads. */
export interface JobFacts {
  jobReference?: { jobId?: string | null; projectId?: string | null; location?: string | null } | null;
  statistics?: {
    totalSlotMs?: string | number | null;
    query?: {
      statementType?: string | null;
      totalBytesProcessed?: string | number | null;
      totalBytesBilled?: string | number | null;
      numDmlAffectedRows?: string | number | null;
    } | null;
  } | null;
}

/** dbt-bigquery's format_bytes: `1.2 KiB`. */
export function formatBytes(n: number): string {
  const units = ['Bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = n;
  for (const unit of units) {
    if (Math.abs(v) < 1024) return `${v.toFixed(1)} ${unit}`;
    v /= 1024;
  }
  return `${(v * 1024).toFixed(1)} PiB`;
}

/** dbt-bigquery's format_rows_number: `6.0`, `1.5k`. */
export function formatRows(n: number): string {
  let v = n;
  for (const unit of ['', 'k', 'm', 'b', 't']) {
    if (Math.abs(v) < 1000) return `${v.toFixed(1)}${unit}`;
    v /= 1000;
  }
  return `${(v * 1000).toFixed(1)}t`;
}

const CODES: Record<string, string> = { CREATE_TABLE_AS_SELECT: 'CREATE TABLE', CREATE_VIEW: 'CREATE VIEW', CREATE_TABLE: 'CREATE TABLE' };

function num(v: string | number | null | undefined): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** The statement type as dbt reports it (CREATE TABLE, MERGE, SELECT, SCRIPT, …). */
export function statementCode(facts: JobFacts): string {
  const t = facts.statistics?.query?.statementType ?? 'OK';
  return CODES[t] ?? t.replace(/_/g, ' ');
}

/**
 * @param rows rows the statement affected or returned (DML: numDmlAffectedRows; SELECT: total
 *   rows; CREATE TABLE: the new table's row count), null when BigQuery does not say.
 */
export function adapterResponse(facts: JobFacts, rows: number | null): Record<string, unknown> {
  const q = facts.statistics?.query;
  const code = statementCode(facts);
  const processed = num(q?.totalBytesProcessed) ?? 0;
  const counted = code === 'SCRIPT' ? null : rows;
  const message = counted === null
    ? `${code} (${formatBytes(processed)} processed)`
    : `${code} (${formatRows(counted)} rows, ${formatBytes(processed)} processed)`;
  return {
    _message: message,
    code,
    rows_affected: rows ?? -1,
    bytes_processed: processed,
    bytes_billed: num(q?.totalBytesBilled) ?? 0,
    slot_ms: num(facts.statistics?.totalSlotMs) ?? 0,
    location: facts.jobReference?.location ?? null,
    project_id: facts.jobReference?.projectId ?? null,
    job_id: facts.jobReference?.jobId ?? null,
  };
}

export { num as numberOf };
