/**
 * `--state <dir>`: the artifacts of a previous invocation (dbt's PreviousState). Only the
 * manifest is read here, as parsed JSON: contract comparison and state: selection both read it.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TxError, TxCodes } from '../errors/tx-error.js';
import { readJsonArtifact } from './read-json.js';

/** A previous manifest.json as written by tx or dbt (manifest v12); only the parts tx reads are typed. */
export interface PreviousManifest {
  metadata: Record<string, unknown>;
  nodes: Record<string, Record<string, unknown>>;
  sources: Record<string, Record<string, unknown>>;
  exposures: Record<string, Record<string, unknown>>;
  unit_tests: Record<string, Record<string, unknown>>;
  macros: Record<string, Record<string, unknown>>;
  /** Every top-level key as written. */
  raw: Record<string, unknown>;
  /** Absolute path of the file read. */
  path: string;
}

const isDict = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads `<dir>/manifest.json`; `dir` is resolved against `cwd`. Throws TxError (usage) when it is missing or not a manifest. */
export function loadPreviousManifest(cwd: string, dir: string): PreviousManifest {
  const root = resolve(cwd, dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new TxError({ code: TxCodes.Usage, message: `--state: '${dir}' is not a directory`, hint: 'point --state at the target/ folder of a previous run (a copy of its manifest.json)' });
  }
  const path = join(root, 'manifest.json');
  if (!existsSync(path)) {
    throw new TxError({ code: TxCodes.Usage, message: `--state: no manifest.json in '${dir}'`, hint: 'run `tx parse` (or any command) on the previous version of the project and keep its target/manifest.json' });
  }
  const raw = readJsonArtifact(path, '--state: ');
  if (!isDict(raw) || !isDict(raw['nodes'])) {
    throw new TxError({ code: TxCodes.Usage, message: `--state: ${path} is not a dbt manifest (no 'nodes')`, loc: { file: path, line: 0, col: 0 } });
  }
  const doc = raw;
  const section = (key: string): Record<string, Record<string, unknown>> => {
    const out: Record<string, Record<string, unknown>> = {};
    const v = doc[key];
    if (isDict(v)) for (const [id, n] of Object.entries(v)) if (isDict(n)) out[id] = n;
    return out;
  };
  return {
    metadata: isDict(raw['metadata']) ? raw['metadata'] : {},
    nodes: section('nodes'), sources: section('sources'), exposures: section('exposures'), unit_tests: section('unit_tests'), macros: section('macros'),
    raw, path,
  };
}
