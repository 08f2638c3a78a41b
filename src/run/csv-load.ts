/**
 * Performs a plan's bulk-load step: the connection's own bulk path when it has one (Postgres
 * COPY), else batched parameterised inserts of the raw text. Either way no cell value is ever
 * spliced into SQL, and the step runs inside the plan's transaction.
 */
import { createReadStream } from 'node:fs';
import type { Connection, QueryResult } from '../adapter/types.js';
import type { LoadStep } from '../materialize/types.js';
import { CsvChunkReader } from '../materialize/csv.js';
import { TxCodes, TxError } from '../errors/tx-error.js';

/** Keeps a batch well under every driver's bound-parameter limit (Postgres: 65,535). */
const MAX_PARAMS_PER_BATCH = 10_000;

export async function runLoadStep(conn: Connection, step: LoadStep, signal?: AbortSignal): Promise<QueryResult> {
  if (conn.loadCsv) {
    const load = { path: step.path, relation: step.relation, columns: step.columns, delimiter: step.delimiter };
    return conn.loadCsv(load, signal ? { signal } : {});
  }
  return insertBatches(conn, step, signal);
}

function valuesSql(step: LoadStep, rows: number): string {
  const width = step.columns.length;
  const tuples: string[] = [];
  for (let r = 0; r < rows; r++) {
    const ps: string[] = [];
    for (let c = 1; c <= width; c++) ps.push(step.paramStyle === 'dollar' ? `$${r * width + c}` : '?');
    tuples.push(`(${ps.join(', ')})`);
  }
  return step.insertPrefix + tuples.join(', ');
}

export async function insertBatches(conn: Connection, step: LoadStep, signal?: AbortSignal): Promise<QueryResult> {
  const started = Date.now();
  const width = step.columns.length;
  const perBatch = Math.max(1, Math.floor(MAX_PARAMS_PER_BATCH / Math.max(1, width)));
  const reader = new CsvChunkReader(step.delimiter);
  let header = true;
  let line = 1;
  let total = 0;
  let batch: string[][] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const params = batch.flat();
    await conn.execute(valuesSql(step, batch.length), signal ? { params, signal } : { params });
    total += batch.length;
    batch = [];
  };
  const take = async (rows: string[][]): Promise<void> => {
    for (const row of rows) {
      if (header) {
        header = false;
        continue;
      }
      line++;
      if (row.length !== width) {
        throw new TxError({
          code: TxCodes.SeedInvalid,
          message: `${step.path}: record ${line} has ${row.length} fields, the header has ${width}`,
          hint: 'every row of a seed needs as many fields as its header',
        });
      }
      batch.push(row);
      if (batch.length >= perBatch) await flush();
    }
  };
  for await (const chunk of createReadStream(step.path, { encoding: 'utf8' })) await take(reader.push(chunk as string));
  await take(reader.end());
  await flush();
  return { columns: [], rows: [], rowsAffected: total, adapterResponse: { _message: `INSERT ${total}`, code: 'INSERT', rows_affected: total, elapsed_ms: Date.now() - started } };
}
