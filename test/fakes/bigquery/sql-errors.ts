/** DuckDB's error messages → BigQuery's reasons (notFound, invalidQuery, stopped) and wording. */
import { FakeSqlError } from './rewrite.js';

/** `dataset.table` as BigQuery names a missing table: from the query's own reference to it. */
function tablePath(sql: string, table: string, project: string): string {
  for (const m of sql.matchAll(/`([^`]+)`(?:\.`([^`]+)`)*/g)) {
    const parts = m[0].split('.').map((p) => p.replace(/`/g, '')).flatMap((p) => p.split('.'));
    if (parts[parts.length - 1]?.toLowerCase() !== table.toLowerCase()) continue;
    if (parts.length === 3) return `${parts[0]}:${parts[1]}.${parts[2]}`;
    if (parts.length === 2) return `${project}:${parts[0]}.${parts[1]}`;
  }
  return `${project}:${table}`;
}

/** DuckDB's messages → BigQuery's reasons and wording. */
export function bigQueryError(e: unknown, project: string, sql = ''): FakeSqlError {
  if (e instanceof FakeSqlError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  const first = msg.split('\n')[0] ?? msg;
  const bare = (s: string | undefined): string => (s ?? '').replace(/"/g, '');
  let m = /Table with name (\S+) does not exist/.exec(msg);
  if (m) return new FakeSqlError('notFound', `Not found: Table ${tablePath(sql, bare(m[1]).split('.').pop() ?? '', project)} was not found in location US`);
  m = /Schema with name (\S+) does not exist/.exec(msg);
  if (m) return new FakeSqlError('notFound', `Not found: Dataset ${project}:${bare(m[1])} was not found in location US`);
  m = /Catalog "?([^"\s]+)"? does not exist/.exec(msg);
  if (m) return new FakeSqlError('notFound', `Not found: Project ${m[1]}`);
  if (/NOT NULL constraint failed: (\S+)/.test(msg)) return new FakeSqlError('invalidQuery', `Required field ${/NOT NULL constraint failed: (\S+)/.exec(msg)![1]} cannot be null`);
  if (/INTERRUPT/.test(msg)) return new FakeSqlError('stopped', 'Job execution was cancelled: User requested cancellation');
  return new FakeSqlError('invalidQuery', first.replace(/^(Parser|Binder|Catalog|Conversion|Invalid Input|Not implemented) Error: /, ''));
}
