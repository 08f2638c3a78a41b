/**
 * The compact spellings the page data uses where a 10,000-model project repeats a shape tens of
 * thousands of times: column lineage edges and the run report's items as tuples, strings that
 * repeat (statuses, threads, messages) as indices into tables, and fqns left out when they are
 * the default. build-site-data.ts encodes; the browser store decodes (the run report and fqns
 * once at start, lineage edges when a page reads them). Pure, shared by both sides.
 */
import type { LineageKind, RunItem, RunReport } from './site-types.js';

/**
 * One upstream edge of a column: [node] when it is a direct copy of a column of the same name,
 * else [node, column (0: same name)] or [node, column | 0, 't' | 'a'] for a transformation or
 * an aggregation.
 */
export type LinWire = readonly [node: number] | readonly [node: number, column: string | 0] | readonly [node: number, column: string | 0, kind: 't' | 'a'];

/** A column that filters ('f': WHERE/HAVING/QUALIFY) or joins ('j': ON/USING) a node's rows. */
export type RowLinWire = readonly [node: number, column: string, kind: 'f' | 'j'];

export interface LinEdge {
  node: number;
  column: string;
  kind: LineageKind;
}

export function encodeLin(columnName: string, node: number, column: string, kind: LineageKind): LinWire {
  const col = column === columnName ? 0 : column;
  if (kind === 'direct') return col === 0 ? [node] : [node, col];
  return [node, col, kind === 'transformation' ? 't' : 'a'];
}

export function decodeLin(columnName: string, w: LinWire): LinEdge {
  const col = w[1];
  const k = w[2];
  return { node: w[0], column: col === undefined || col === 0 ? columnName : col, kind: k === 't' ? 'transformation' : k === 'a' ? 'aggregation' : 'direct' };
}

export function decodeRowLin(w: RowLinWire): { node: number; column: string; kind: 'filter' | 'join' } {
  return { node: w[0], column: w[1], kind: w[2] === 'f' ? 'filter' : 'join' };
}

/**
 * A run item: [node, status, thread, start, dur, rows, failures, msg, id]; status, thread and
 * msg index the tables of RunWire (msg -1: none); id only when node is -1.
 */
export type RunItemWire = [number, number, number, number | null, number, number | null, number | null, number, string?];

export interface RunWire {
  invocationId: string;
  generatedAt: string;
  command: string | null;
  elapsed: number;
  statuses: string[];
  threads: string[];
  messages: string[];
  items: RunItemWire[];
}

export function encodeRun(r: RunReport): RunWire {
  const tables = { statuses: new Map<string, number>(), threads: new Map<string, number>(), messages: new Map<string, number>() };
  const intern = (map: Map<string, number>, s: string): number => {
    let i = map.get(s);
    if (i === undefined) map.set(s, (i = map.size));
    return i;
  };
  const items = r.items.map((it): RunItemWire => {
    const w: RunItemWire = [it.node, intern(tables.statuses, it.status), intern(tables.threads, it.thread), it.start, it.dur, it.rows, it.failures, it.msg === null ? -1 : intern(tables.messages, it.msg)];
    if (it.node < 0) w.push(it.id);
    return w;
  });
  return {
    invocationId: r.invocationId, generatedAt: r.generatedAt, command: r.command, elapsed: r.elapsed,
    statuses: [...tables.statuses.keys()], threads: [...tables.threads.keys()], messages: [...tables.messages.keys()], items,
  };
}

export function decodeRun(w: RunWire, idOf: (node: number) => string): RunReport {
  const items = w.items.map((t): RunItem => ({
    node: t[0], id: t[0] >= 0 ? idOf(t[0]) : (t[8] ?? ''), status: w.statuses[t[1]] ?? 'unknown', thread: w.threads[t[2]] ?? 'main',
    start: t[3], dur: t[4], rows: t[5], failures: t[6], msg: t[7] < 0 ? null : (w.messages[t[7]] ?? null),
  }));
  return { invocationId: w.invocationId, generatedAt: w.generatedAt, command: w.command, elapsed: w.elapsed, items };
}

/** dbt's fqn for most nodes: the package, the folders under the resource path, the name. */
export function defaultFqn(pkg: string, file: string, name: string): string[] {
  return [pkg, ...file.split('/').slice(1, -1), name];
}

/**
 * Compiled SQL as lines of the raw SQL it was rendered from: [start, count] copies raw lines,
 * a string is a line of its own (where Jinja rendered something). Most compiled lines are the
 * raw ones unchanged, so this is a fraction of the text. A plain string when that is shorter.
 */
export type CompiledWire = string | (string | readonly [start: number, count: number])[];

export function encodeCompiled(raw: string, compiled: string): CompiledWire {
  const rawLines = raw.split('\n');
  const where = new Map<string, number[]>();
  rawLines.forEach((l, i) => {
    const list = where.get(l);
    if (list) list.push(i);
    else where.set(l, [i]);
  });
  const out: (string | [number, number])[] = [];
  let next = -1;
  for (const line of compiled.split('\n')) {
    const last = out[out.length - 1];
    if (next >= 0 && rawLines[next] === line && Array.isArray(last)) {
      last[1]++;
      next++;
      continue;
    }
    const at = where.get(line);
    // Blank lines are cheaper as literals than as a copy of their own.
    if (at === undefined || line === '') {
      out.push(line);
      next = -1;
      continue;
    }
    const start = at.find((i) => i >= next) ?? at[0]!;
    out.push([start, 1]);
    next = start + 1;
  }
  return JSON.stringify(out).length < JSON.stringify(compiled).length ? out : compiled;
}

export function decodeCompiled(raw: string, w: CompiledWire): string {
  if (typeof w === 'string') return w;
  const rawLines = raw.split('\n');
  const out: string[] = [];
  for (const part of w) {
    if (typeof part === 'string') out.push(part);
    else for (let i = 0; i < part[1]; i++) out.push(rawLines[part[0] + i] ?? '');
  }
  return out.join('\n');
}
