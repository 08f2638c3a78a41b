/**
 * Registers macros: tx's built-in templates as the internal `dbt` package (default first,
 * then the adapter's overrides), then the project's macro-paths. Resolution order is
 * the engine's: the project's macros win over built-ins of the same name.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { TxJinja, MacroDefinition } from '../jinja/tx-jinja.js';
import type { MacroNode } from './manifest-types.js';
import type { Diagnostics } from '../errors/diagnostics.js';
import type { ProjectFile } from '../project/files.js';
import { templatesDir } from '../util/package-root.js';

export const INTERNAL_PACKAGE = 'dbt';

function templateFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => join(dir, f));
}

/** Folders of built-in templates for an adapter: default, then each parent, then the adapter itself. */
export function builtinTemplateDirs(adapterType: string, parents: readonly string[]): string[] {
  const root = templatesDir();
  return [join(root, 'default'), ...[...parents].reverse().map((p) => join(root, p)), join(root, adapterType)];
}

function toMacroNode(def: MacroDefinition, relPath: string): MacroNode & { calls: readonly string[] } {
  return {
    calls: def.calledMacros,
    unique_id: `macro.${def.packageName}.${def.name}`,
    resource_type: 'macro',
    package_name: def.packageName,
    name: def.name,
    path: relPath,
    original_file_path: relPath,
    abs_path: def.absPath,
    macro_sql: def.source,
    depends_on: { macros: [] },
    description: '',
    meta: {},
    docs: { show: true, node_color: null },
    patch_path: null,
    arguments: [],
    supported_languages: null,
  };
}

export function loadMacros(
  jinja: TxJinja,
  opts: {
    adapterType: string; adapterParents: readonly string[]; projectName: string; projectFiles: ProjectFile[]; diagnostics: Diagnostics;
    readFile?: (p: string) => string;
    /** Installed packages' macro files, registered in each package's own namespace. */
    packages?: { name: string; files: ProjectFile[] }[];
  },
): MacroNode[] {
  const read = opts.readFile ?? ((p: string) => readFileSync(p, 'utf8'));
  const nodes: (MacroNode & { calls: readonly string[] })[] = [];
  const root = templatesDir();
  for (const dir of builtinTemplateDirs(opts.adapterType, opts.adapterParents)) {
    for (const abs of templateFiles(dir)) {
      const rel = `macros/${relative(root, abs).split('\\').join('/')}`;
      for (const def of jinja.addMacroFile(INTERNAL_PACKAGE, abs, read(abs))) nodes.push(toMacroNode(def, rel));
    }
  }
  const units = [{ name: opts.projectName, files: opts.projectFiles }, ...(opts.packages ?? [])];
  for (const unit of units) {
    for (const f of unit.files) {
      const defs = opts.diagnostics.collect(() => jinja.addMacroFile(unit.name, f.absPath, read(f.absPath)));
      for (const def of defs ?? []) nodes.push(toMacroNode(def, f.relPath));
    }
  }
  // Once every macro is registered, what each one calls resolves to macros (state:modified.macros reads it).
  return nodes.map(({ calls, ...node }) => {
    node.depends_on.macros = jinja.macroIdsFor(calls, node.package_name).filter((id) => id !== node.unique_id);
    return node;
  });
}
