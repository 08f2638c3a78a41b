/**
 * Expected vs actual rows of a unit test, compared as multisets (row order never matters),
 * and printed as a table: `+++` a row the model returned but the test did not expect,
 * `---` an expected row the model did not return, `→` a changed row (same first column),
 * with `old→new` in each cell that differs.
 */
export interface RowDiff {
  equal: boolean;
  /** Rows in the diff (added + missing + changed). */
  differing: number;
  text: string;
}

function show(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
  return String(v);
}

const keyOf = (row: unknown[]): string => JSON.stringify(row.map(show));

export function diffRows(columns: string[], expected: unknown[][], actual: unknown[][]): RowDiff {
  const pool = new Map<string, unknown[][]>();
  for (const r of actual) {
    const k = keyOf(r);
    const list = pool.get(k);
    if (list) list.push(r);
    else pool.set(k, [r]);
  }
  const missing: unknown[][] = [];
  for (const r of expected) {
    const list = pool.get(keyOf(r));
    if (list && list.length > 0) list.pop();
    else missing.push(r);
  }
  const added = [...pool.values()].flat();
  if (missing.length === 0 && added.length === 0) return { equal: true, differing: 0, text: '' };

  // Pair a missing and an added row that share the first column: a changed row.
  const lines: { mark: string; cells: string[] }[] = [];
  const unpaired = [...added];
  for (const m of missing) {
    const i = unpaired.findIndex((a) => show(a[0]) === show(m[0]));
    if (i < 0) {
      lines.push({ mark: '---', cells: m.map(show) });
      continue;
    }
    const a = unpaired.splice(i, 1)[0]!;
    lines.push({ mark: '→', cells: m.map((v, c) => (show(v) === show(a[c]) ? show(v) : `${show(v)}→${show(a[c])}`)) });
  }
  for (const a of unpaired) lines.push({ mark: '+++', cells: a.map(show) });

  const table = [{ mark: '@@', cells: columns }, ...lines];
  const widths = columns.map((_, c) => Math.max(...table.map((l) => (l.cells[c] ?? '').length)));
  const text = table
    .map((l) => `${l.mark.padEnd(3)} | ${l.cells.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(' | ')}`.trimEnd())
    .join('\n');
  const summary = `${missing.length} expected row${missing.length === 1 ? '' : 's'} not returned, ${added.length} unexpected row${added.length === 1 ? '' : 's'} returned`;
  return { equal: false, differing: lines.length, text: `actual differs from expected (${summary}):\n\n${text}` };
}
