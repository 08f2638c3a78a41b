/** `{% docs %}` blocks from .md files, and doc() inside descriptions. */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { DocNode, Manifest } from './manifest-types.js';
import type { ProjectFile } from '../project/files.js';
import type { TxJinja } from '../jinja/tx-jinja.js';
import type { Diagnostics } from '../errors/diagnostics.js';
import { extractDocBlocks } from '../jinja/tx-jinja.js';
import { TxError, TxCodes } from '../errors/tx-error.js';
import { didYouMeanHint } from '../util/did-you-mean.js';

export function loadDocs(files: ProjectFile[], packageName: string, diagnostics: Diagnostics): Record<string, DocNode> {
  const out: Record<string, DocNode> = {};
  for (const f of files) {
    const blocks = diagnostics.collect(() => extractDocBlocks(readFileSync(f.absPath, 'utf8'), f.absPath)) ?? [];
    for (const b of blocks) {
      const id = `doc.${packageName}.${b.name}`;
      if (out[id]) {
        diagnostics.add({ code: TxCodes.DuplicateName, message: `doc block '${b.name}' is defined twice (also in ${out[id].original_file_path})`, loc: { file: f.absPath, line: b.line, col: 1 } });
        continue;
      }
      out[id] = { unique_id: id, resource_type: 'doc', package_name: packageName, name: b.name, path: basename(f.relPath), original_file_path: f.relPath, block_contents: b.contents };
    }
  }
  return out;
}

/** Renders `{{ doc('name') }}` in every description that uses it. Plain descriptions cost nothing. */
export function renderDescriptions(
  manifest: Manifest,
  jinja: TxJinja,
  /** rootDirOf: the folder of each package's project (patch paths are relative to it). */
  opts: { rootDirOf(pkg: string): string; varFor(pkg: string, file: string): unknown },
  diagnostics: Diagnostics,
): void {
  const byName = new Map<string, string>();
  for (const d of Object.values(manifest.docs)) byName.set(d.name, d.block_contents);
  const render = (text: string, file: string, pkg: string): string => {
    if (!text.includes('{{') && !text.includes('{%')) return text;
    const scope: Record<string, unknown> = { var: opts.varFor(pkg, file) };
    scope['doc'] = (...args: unknown[]) => {
      const name = String(args[args.length - 1]);
      const hit = byName.get(name);
      if (hit === undefined) {
        throw new TxError({ code: TxCodes.DocNotFound, message: `doc('${name}') not found`, hint: didYouMeanHint(name, byName.keys()) });
      }
      return hit;
    };
    return diagnostics.collect(() => jinja.renderString(text, file, scope, pkg)) ?? text;
  };
  // Descriptions live in the properties YAML (`<pkg>://<path>`): errors point there.
  const patchFile = (patchPath: string, pkg: string) => join(opts.rootDirOf(pkg), patchPath.replace(/^[^:]+:\/\//, ''));
  for (const n of [...Object.values(manifest.nodes), ...Object.values(manifest.sources)]) {
    const file = n.patch_path ? patchFile(n.patch_path, n.package_name) : n.abs_path;
    n.description = render(n.description, file, n.package_name);
    for (const c of Object.values(n.columns)) c.description = render(c.description, file, n.package_name);
  }
  for (const m of Object.values(manifest.macros)) {
    if (m.patch_path === null) continue;
    m.description = render(m.description, patchFile(m.patch_path, m.package_name), m.package_name);
  }
}
