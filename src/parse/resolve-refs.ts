/**
 * Turns each node's recorded ref()/source() calls into depends_on.nodes, reporting
 * refs to nothing (with a "did you mean") and refs to disabled nodes at the call's position.
 */
import type { Manifest, ManifestNode, RefCall } from './manifest-types.js';
import type { Diagnostics } from '../errors/diagnostics.js';
import type { SourceLoc } from '../errors/tx-error.js';
import { TxCodes } from '../errors/tx-error.js';
import { didYouMeanHint } from '../util/did-you-mean.js';
import { compareVersions } from './model-versions.js';

export interface RefIndex {
  /** name → nodes that ref() can reach (models, seeds, snapshots) */
  byName: Map<string, ManifestNode[]>;
  /** "source_name.table_name" → source unique_id */
  sources: Map<string, string>;
}

export function buildRefIndex(manifest: Manifest): RefIndex {
  const byName = new Map<string, ManifestNode[]>();
  for (const n of Object.values(manifest.nodes)) {
    if (n.resource_type !== 'model' && n.resource_type !== 'seed' && n.resource_type !== 'snapshot') continue;
    const list = byName.get(n.name) ?? [];
    list.push(n);
    byName.set(n.name, list);
  }
  const sources = new Map<string, string>();
  for (const s of Object.values(manifest.sources)) sources.set(`${s.source_name}.${s.name}`, s.unique_id);
  return { byName, sources };
}

/**
 * The node a ref() call points to, preferring the caller's own package as dbt does. With a
 * version (`ref('m', v=2)`) only that version matches; without one, an unversioned model or the
 * latest version of a versioned one.
 */
export function lookupRef(index: RefIndex, call: RefCall, fromPackage: string): ManifestNode | undefined {
  const candidates = index.byName.get(call.name);
  if (!candidates) return undefined;
  const pkg = call.package;
  const inPackage = pkg === null ? candidates : candidates.filter((c) => c.package_name === pkg);
  const version = (n: ManifestNode) => (n.resource_type === 'model' ? n.version : null);
  let pool: ManifestNode[];
  if (call.version !== null && call.version !== undefined) {
    pool = inPackage.filter((c) => version(c) !== null && String(version(c)) === String(call.version));
  } else {
    const unversioned = inPackage.filter((c) => version(c) === null);
    pool = unversioned.length > 0 ? unversioned : inPackage.filter((c) => c.resource_type === 'model' && String(c.version) === String(c.latest_version));
  }
  return pool.find((c) => c.package_name === fromPackage) ?? pool[0];
}

/** The versions of a model, for "version not found" hints. */
function versionsOf(index: RefIndex, name: string): string[] {
  const versions = (index.byName.get(name) ?? []).flatMap((n) => (n.resource_type === 'model' && n.version !== null ? [n.version] : []));
  return versions.sort(compareVersions).map(String);
}

/** What resolving a node's calls needs: a model, test or snapshot, or an exposure (its YAML entry as every call's position). */
export interface DependentNode {
  resource_type: string;
  name: string;
  package_name: string;
  refs: RefCall[];
  sources: [string, string][];
  ref_locs: readonly (SourceLoc | undefined)[];
  source_locs: readonly (SourceLoc | undefined)[];
}

export function resolveDependencies(manifest: Manifest, index: RefIndex, diagnostics: Diagnostics): void {
  const disabledNames = new Set(Object.values(manifest.disabled).flat().map((n) => n.name));
  for (const node of Object.values(manifest.nodes)) node.depends_on.nodes = resolveCalls(node, index, disabledNames, diagnostics);
}

/** The unique_ids a node's ref()/source() calls name, sorted; each call naming nothing is reported at its position. */
export function resolveCalls(node: DependentNode, index: RefIndex, disabledNames: ReadonlySet<string>, diagnostics: Diagnostics): string[] {
  const deps = new Set<string>();
  node.refs.forEach((call, i) => {
    const target = lookupRef(index, call, node.package_name);
    if (target) {
      deps.add(target.unique_id);
      return;
    }
    const loc = node.ref_locs[i];
    if (disabledNames.has(call.name)) {
      diagnostics.add({
        code: TxCodes.DisabledRef,
        message: `${node.resource_type} '${node.name}' depends on '${call.name}', which is disabled`,
        loc,
        hint: `enable '${call.name}' or remove the ref`,
      });
      return;
    }
    const versions = versionsOf(index, call.name);
    if (call.version !== null && call.version !== undefined && versions.length > 0) {
      diagnostics.add({
        code: TxCodes.RefNotFound,
        message: `ref('${call.name}', v=${JSON.stringify(call.version)}) not found: ${node.resource_type} '${node.name}' depends on a node named '${call.name}' with version '${call.version}' which was not found`,
        loc,
        hint: `'${call.name}' has versions ${versions.join(', ')}`,
      });
      return;
    }
    diagnostics.add({
      code: TxCodes.RefNotFound,
      message: `ref('${call.package ? `${call.package}', '` : ''}${call.name}') not found: ${node.resource_type} '${node.name}' depends on a node named '${call.name}' which was not found`,
      loc,
      hint: didYouMeanHint(call.name, index.byName.keys()),
    });
  });
  node.sources.forEach(([src, table], i) => {
    const id = index.sources.get(`${src}.${table}`);
    if (id) {
      deps.add(id);
      return;
    }
    diagnostics.add({
      code: TxCodes.SourceNotFound,
      message: `source('${src}', '${table}') not found: ${node.resource_type} '${node.name}' depends on a source named '${src}.${table}' which was not found`,
      loc: node.source_locs[i],
      hint: didYouMeanHint(`${src}.${table}`, index.sources.keys()),
    });
  });
  return [...deps].sort();
}
