/**
 * `tx compile`: render the selected nodes to SQL and write target/compiled/…, offline.
 * Any error (in any node) is reported with the others and stops before a connection opens.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, sep } from 'node:path';
import { compiledFilePath } from './compiled-path.js';
import type { ManifestNode } from '../parse/manifest-types.js';
import type { Session, ParsedProject } from './session.js';
import type { CompiledNode } from '../compile/compile-project.js';
import { Compiler } from '../compile/compile-project.js';
import type { Connection } from '../adapter/types.js';
import { renderWithAnswers } from '../run/introspect.js';
import type { DeferFn } from '../compile/defer.js';

export interface CompileOutcome {
  compiler: Compiler;
  compiled: Map<string, CompiledNode>;
}

/** target/<kind>/<package>/<file> (see compiledFilePath). */
export function compiledPath(s: Session, node: Pick<ManifestNode, 'package_name' | 'original_file_path' | 'path'>, kind: 'compiled' | 'run'): string {
  return compiledFilePath(s.targetDir, node, kind);
}

/**
 * Renders the nodes (stopping at the gate on any render error) and, unless `writeLater`, writes
 * target/compiled/… at once; `tx compile` writes them itself (writeCompiledFiles) while the static
 * analysis runs on another thread.
 */
export function compileNodes(s: Session, p: ParsedProject, ids: readonly string[], defer?: DeferFn, opts: { writeLater?: boolean } = {}): CompileOutcome {
  const compiler = new Compiler({
    manifest: p.manifest,
    templates: p.templates,
    jinja: s.jinja,
    dialect: s.dialect,
    projectQuoting: s.project.quoting,
    varsFor: s.varsFor,
    diagnostics: s.diagnostics,
    projectName: s.project.name,
    baseScope: s.baseScope,
    ...(defer ? { defer } : {}),
  });
  const compiled = new Map<string, CompiledNode>();
  for (const id of ids) {
    const node = p.manifest.nodes[id];
    if (!node || node.resource_type === 'seed') continue;
    const c = compiler.compile(id);
    if (!c) continue;
    compiled.set(id, c);
    // As dbt records it: relative to the project, under whatever --target-path is in force.
    const rel = relative(s.project.rootDir, compiledPath(s, node, 'compiled')).split(sep).join('/');
    node.compiled = true;
    node.compiled_code = c.sql;
    node.compiled_path = rel;
    node.extra_ctes_injected = true;
    node.extra_ctes = c.ctes.map((x) => ({ id: x.id, sql: x.sql }));
  }
  s.timer.mark('compile');
  s.diagnostics.gate('compile');
  const out = { compiler, compiled };
  if (opts.writeLater !== true) writeCompiledFiles(s, p, out);
  return out;
}

/** target/compiled/… for every compiled node (the latest render: introspection may have replaced it). */
export function writeCompiledFiles(s: Session, p: ParsedProject, out: CompileOutcome): void {
  for (const [id, c] of out.compiled) recordCompiled(s, p.manifest.nodes[id]!, c);
  s.timer.mark('write');
}

function recordCompiled(s: Session, node: ManifestNode, c: CompiledNode): void {
  node.compiled_code = c.sql;
  const file = compiledPath(s, node, 'compiled');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, c.sql);
}

/** Nodes whose templates read the warehouse (see CompiledNode.introspects). */
export function introspectingIds(compiled: ReadonlyMap<string, CompiledNode>): string[] {
  return [...compiled].filter(([, c]) => c.introspects === true).map(([id]) => id);
}

/**
 * Renders one introspecting node again, answering its questions on `conn`, and records the
 * result (manifest, target/compiled) in place of the placeholder render.
 */
export async function resolveIntrospection(s: Session, p: ParsedProject, out: CompileOutcome, id: string, conn: Connection, signal?: AbortSignal): Promise<CompiledNode> {
  const node = p.manifest.nodes[id]!;
  const full = await renderWithAnswers((recorder) => out.compiler.renderVariant(id, { incremental: false, introspection: recorder }), conn, signal);
  let result: CompiledNode = full;
  if (out.compiled.get(id)?.incremental) {
    const inc = await renderWithAnswers((recorder) => out.compiler.renderVariant(id, { incremental: true, introspection: recorder }), conn, signal);
    result = { ...full, incremental: { rendered: inc.rendered, ctes: inc.ctes, sql: inc.sql } };
  }
  out.compiled.set(id, result);
  recordCompiled(s, node, result);
  return result;
}

/** `tx compile`: introspecting nodes are compiled with a connection, opened only if one asks. */
export async function resolveAllIntrospection(s: Session, p: ParsedProject, out: CompileOutcome): Promise<void> {
  const ids = introspectingIds(out.compiled);
  if (ids.length === 0) return;
  const pool = await s.adapter.connect(s.credentials, { projectDir: s.project.rootDir, threads: 1 });
  try {
    const conn = await pool.acquire();
    try {
      for (const id of ids) await resolveIntrospection(s, p, out, id, conn, s.inv.signal);
    } finally {
      pool.release(conn);
    }
  } finally {
    await pool.close();
  }
}
