/**
 * `tx compile`: render the selected nodes to SQL and write target/compiled/…, offline.
 * Any error (in any node) is reported with the others and stops before a connection opens.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { Session, ParsedProject } from './session.js';
import type { CompiledNode } from '../compile/compile-project.js';
import { Compiler } from '../compile/compile-project.js';

export interface CompileOutcome {
  compiler: Compiler;
  compiled: Map<string, CompiledNode>;
}

export function compiledPath(s: Session, pkg: string, originalFilePath: string, kind: 'compiled' | 'run'): string {
  return join(s.targetDir, kind, pkg, originalFilePath);
}

export function compileNodes(s: Session, p: ParsedProject, ids: readonly string[]): CompileOutcome {
  const compiler = new Compiler({
    manifest: p.manifest,
    templates: p.templates,
    jinja: s.jinja,
    dialect: s.dialect,
    projectQuoting: s.project.quoting,
    varsFor: s.varsFor,
    diagnostics: s.diagnostics,
  });
  const compiled = new Map<string, CompiledNode>();
  for (const id of ids) {
    const node = p.manifest.nodes[id];
    if (!node || node.resource_type === 'seed') continue;
    const c = compiler.compile(id);
    if (!c) continue;
    compiled.set(id, c);
    // As dbt records it: relative to the project, under whatever --target-path is in force.
    const rel = relative(s.project.rootDir, compiledPath(s, node.package_name, node.original_file_path, 'compiled')).split(sep).join('/');
    node.compiled = true;
    node.compiled_code = c.sql;
    node.compiled_path = rel;
    node.extra_ctes_injected = true;
    node.extra_ctes = c.ctes.map((x) => ({ id: x.id, sql: x.sql }));
  }
  s.timer.mark('compile');
  s.diagnostics.gate('compile');
  for (const [id, c] of compiled) {
    const node = p.manifest.nodes[id]!;
    const file = compiledPath(s, node.package_name, node.original_file_path, 'compiled');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, c.sql);
  }
  s.timer.mark('write');
  return { compiler, compiled };
}
