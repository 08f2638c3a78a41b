/**
 * Checks that need more than the files, run once the manifest is parsed and before the parse
 * gate: model deprecations (they need the invocation's clock) and, with --state, breaking
 * changes to enforced contracts against the previous manifest, a contracted model that was
 * deleted, renamed or disabled among them. A breaking change is an error on a versioned model
 * and a warning on an unversioned one, as in dbt 1.8+.
 */
import type { Session } from './session.js';
import type { Manifest, ModelNode } from '../parse/manifest-types.js';
import { deprecationWarnings } from '../parse/deprecations.js';
import { breakingChangeError, contractBreakingChanges, removedContractChange, unversionedBreakingChange } from '../compile/contract-changes.js';
import { TxCodes } from '../errors/tx-error.js';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function checkParsedModels(s: Session, manifest: Manifest): void {
  for (const w of deprecationWarnings(manifest, s.inv.clock.now())) s.diagnostics.add(w);
  const state = s.previousState();
  if (state === undefined) return;
  // As dbt: a --state folder without a manifest (e.g. only the sources.json that
  // source_status: reads) has nothing to compare contracts with.
  const { dir } = state;
  if (existsSync(dir) && statSync(dir).isDirectory() && !existsSync(join(dir, 'manifest.json'))) return;
  const previous = state.manifest;
  for (const node of Object.values(manifest.nodes)) {
    if (node.resource_type !== 'model') continue;
    const old = previous.nodes[node.unique_id];
    if (!old) continue;
    const changes = contractBreakingChanges(old, node, s.dialect.capabilities);
    if (changes.length === 0) continue;
    s.diagnostics.add(breakingChange(node, changes));
  }
  // Contracted models the project no longer has: deleted, renamed or disabled (dbt 1.8+).
  for (const [id, old] of Object.entries(previous.nodes)) {
    if (old['resource_type'] !== 'model' || manifest.nodes[id]) continue;
    const change = removedContractChange(old, manifest.disabled[id] !== undefined, s.inv.clock.now());
    if (change === null) continue;
    const path = String(old['original_file_path'] ?? '');
    const version = old['version'] === undefined || old['version'] === null ? null : (old['version'] as string | number);
    const hint = 'to retire a contracted model, give it a deprecation_date first: once that date has passed it may be removed';
    s.diagnostics.add(breakingChange({ name: String(old['name']), version, original_file_path: path, abs_path: join(s.project.rootDir, path) }, [change], hint));
  }
}

type Contracted = Pick<ModelNode, 'name' | 'version' | 'original_file_path' | 'abs_path'>;

function breakingChange(node: Contracted, changes: string[], hint?: string) {
  const loc = { file: node.abs_path, line: 0, col: 0 };
  if (node.version === null) {
    return { code: TxCodes.ContractBreakingChange, severity: 'warn' as const, loc, message: unversionedBreakingChange(node, changes), ...(hint ? { hint } : {}) };
  }
  return {
    code: TxCodes.ContractBreakingChange, loc,
    message: `Breaking Change to Contract in model ${node.name}.v${String(node.version)} (${node.original_file_path})\n${breakingChangeError(changes)}`,
    hint: hint ?? `keep version ${String(node.version)} as it was and add the change as a new version of '${node.name}'`,
  };
}
