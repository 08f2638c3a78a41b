/**
 * Columns known without analysing SQL: a seed's CSV header (and types, inferred as the seed
 * loader infers them, or its column_types), a source's YAML columns, a model's enforced contract,
 * and the warehouse's catalog.json from an earlier `docs generate`.
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import type { ManifestNode, SourceNode } from '../parse/manifest-types.js';
import type { Shape } from './shape.js';
import { inferSeedColumnsFromText } from '../materialize/seed-infer.js';
import { readCsv } from '../materialize/csv.js';

/** Seeds up to this size are read whole to infer types; larger ones only give their header. */
const INFER_LIMIT = 256 * 1024;
const HEADER_BYTES = 64 * 1024;

export function seedShape(node: ManifestNode): Shape | null {
  const delimiter = typeof node.config.delimiter === 'string' && node.config.delimiter !== '' ? node.config.delimiter : ',';
  const columnTypes = node.config.column_types ?? {};
  try {
    if (statSync(node.abs_path).size <= INFER_LIMIT) {
      const cols = inferSeedColumnsFromText(readFileSync(node.abs_path, 'utf8'), { delimiter, columnTypes });
      return { columns: cols.map((c) => ({ name: c.name, type: c.type, origins: [], at: -1 })), open: false };
    }
    const header = readHeader(node.abs_path, delimiter);
    if (!header) return null;
    const types = new Map(Object.entries(columnTypes).map(([k, v]) => [k.toLowerCase(), v]));
    return { columns: header.map((name) => ({ name, type: types.get(name.toLowerCase()) ?? null, origins: [], at: -1 })), open: false };
  } catch {
    return null;
  }
}

function readHeader(path: string, delimiter: string): string[] | undefined {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(HEADER_BYTES);
    const n = readSync(fd, buf, 0, HEADER_BYTES, 0);
    const text = buf.subarray(0, n).toString('utf8');
    const nl = text.indexOf('\n');
    let header: string[] | undefined;
    readCsv(nl < 0 ? text : text.slice(0, nl), delimiter, (row) => (header ??= row));
    return header?.map((h) => h.trim());
  } finally {
    closeSync(fd);
  }
}

/** YAML columns of a model or source; `open` unless they are a contract (YAML may list only some). */
export function declaredShape(columns: ManifestNode['columns'] | SourceNode['columns'], complete: boolean): Shape | null {
  const list = Object.values(columns);
  if (list.length === 0) return complete ? { columns: [], open: false } : null;
  return { columns: list.map((c) => ({ name: c.name, type: c.data_type ?? null, origins: [], at: -1 })), open: !complete };
}

export function isContracted(node: ManifestNode): boolean {
  return node.resource_type === 'model' && node.config.contract?.enforced === true;
}

interface CatalogFile {
  nodes?: Record<string, { columns?: Record<string, { name?: string; type?: string; index?: number }> }>;
  sources?: Record<string, { columns?: Record<string, { name?: string; type?: string; index?: number }> }>;
}

/** target/catalog.json of an earlier `tx docs generate`, when present: unique_id → columns. */
export function readCatalogShapes(path: string): Map<string, Shape> {
  const out = new Map<string, Shape>();
  let file: CatalogFile;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as CatalogFile;
  } catch {
    return out;
  }
  for (const group of [file.nodes ?? {}, file.sources ?? {}]) {
    for (const [id, entry] of Object.entries(group)) {
      const cols = Object.values(entry.columns ?? {}).sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
      if (cols.length === 0) continue;
      out.set(id, { columns: cols.map((c) => ({ name: String(c.name ?? ''), type: c.type ?? null, origins: [], at: -1 })), open: false });
    }
  }
  return out;
}
