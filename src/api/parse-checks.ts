/**
 * Checks that need more than the files, run once the manifest is parsed and before the parse
 * gate: model deprecations (they need the invocation's clock) and, with --state, breaking
 * changes to enforced contracts against the previous manifest. A breaking change is an error
 * on a versioned model and a warning on an unversioned one, as in dbt 1.8+.
 */
import type { Session } from './session.js';
import type { Manifest, ModelNode } from '../parse/manifest-types.js';
import { deprecationWarnings } from '../parse/deprecations.js';
import { breakingChangeError, contractBreakingChanges, unversionedBreakingChange } from '../compile/contract-changes.js';
import { TxCodes } from '../errors/tx-error.js';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export function checkParsedModels(s: Session, manifest: Manifest): void {
  for (const w of deprecationWarnings(manifest, s.inv.clock.now())) s.diagnostics.add(w);
  if (s.opts.state === undefined) return;
  // As dbt: a --state folder without a manifest (e.g. only the sources.json that
  // source_status: reads) has nothing to compare contracts with.
  const dir = resolve(s.inv.cwd, s.opts.state);
  if (existsSync(dir) && statSync(dir).isDirectory() && !existsSync(join(dir, 'manifest.json'))) return;
  const previous = s.previousState()!.manifest;
  for (const node of Object.values(manifest.nodes)) {
    if (node.resource_type !== 'model') continue;
    const old = previous.nodes[node.unique_id];
    if (!old) continue;
    const changes = contractBreakingChanges(old, node, s.dialect.capabilities);
    if (changes.length === 0) continue;
    s.diagnostics.add(breakingChange(node, changes));
  }
}

function breakingChange(node: ModelNode, changes: string[]) {
  const loc = { file: node.abs_path, line: 0, col: 0 };
  if (node.version === null) {
    return { code: TxCodes.ContractBreakingChange, severity: 'warn' as const, loc, message: unversionedBreakingChange(node, changes) };
  }
  return {
    code: TxCodes.ContractBreakingChange, loc,
    message: `Breaking Change to Contract in model ${node.name}.v${String(node.version)} (${node.original_file_path})\n${breakingChangeError(changes)}`,
    hint: `keep version ${String(node.version)} as it was and add the change as a new version of '${node.name}'`,
  };
}
