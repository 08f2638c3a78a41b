/**
 * Model versions (dbt 1.5+): a model entry with `versions:` becomes one node per version,
 * `model.<pkg>.<name>.v<N>`, each defined by `<name>_v<N>.sql` or the file its `defined_in:`
 * names (the latest version may also live in `<name>.sql`). Each version's properties are the
 * model's, overlaid with the version's own, exactly as dbt's versioned patch builds them.
 */
import type { ColumnPatch, NodePatch, VersionPatch } from '../project/properties.js';
import type { Diagnostics } from '../errors/diagnostics.js';
import { TxCodes } from '../errors/tx-error.js';

/** A model file that defines one version of a versioned model. */
export interface VersionedFile {
  /** The model's name (the node's name; the file is named otherwise). */
  name: string;
  version: string | number;
  latestVersion: string | number;
  /** The model's properties as they apply to this version. */
  patch: NodePatch;
}

/** dbt's UnparsedVersion.__lt__: numerically when both parse as numbers, else as strings. */
export function compareVersions(a: string | number, b: string | number): number {
  const fa = Number(a);
  const fb = Number(b);
  if (String(a).trim() !== '' && String(b).trim() !== '' && Number.isFinite(fa) && Number.isFinite(fb)) return fa - fb;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

export function latestVersion(patch: NodePatch): string | number {
  if (patch.latest_version !== null) return patch.latest_version;
  return patch.versions.reduce((max, v) => (compareVersions(v.v, max) > 0 ? v.v : max), patch.versions[0]!.v);
}

/** dbt's get_columns_for_version: the model's columns the version includes, then its own. */
export function versionColumns(patch: NodePatch, version: VersionPatch): ColumnPatch[] {
  const included = patch.columns.filter((c) => (version.include === '*' || version.include.includes(c.name)) && !version.exclude.includes(c.name));
  return [...included, ...version.columns];
}

/** dbt's deep_merge: nested mappings merge key by key, anything else is replaced. */
function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const prev = out[k];
    const isDict = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
    out[k] = isDict(prev) && isDict(v) ? deepMerge(prev, v) : v;
  }
  return out;
}

/** The model's properties for one version (dbt's versioned ParsedNodePatch). */
export function versionPatch(patch: NodePatch, version: VersionPatch): NodePatch {
  return {
    ...patch,
    description: version.description || patch.description,
    columns: versionColumns(patch, version),
    config: deepMerge(patch.config, version.config),
    docs: version.docs ?? patch.docs,
    data_tests: version.data_tests ?? patch.data_tests,
    constraints: version.constraints.length > 0 ? version.constraints : patch.constraints,
    access: version.access ?? patch.access,
    // Only the version's own date counts, as in dbt.
    deprecation_date: version.deprecation_date,
    versions: [],
    latest_version: latestVersion(patch),
  };
}

/**
 * Which model file defines which version, by file name (without `.sql`). A version without a
 * file is a warning, as dbt's NoNodeForYamlKey.
 */
export function indexVersionedFiles(patches: Iterable<NodePatch>, fileNames: ReadonlySet<string>, diagnostics: Diagnostics): Map<string, VersionedFile> {
  const out = new Map<string, VersionedFile>();
  for (const patch of patches) {
    if (patch.versions.length === 0) continue;
    const latest = latestVersion(patch);
    for (const v of patch.versions) {
      let file = v.defined_in ?? `${patch.name}_v${v.v}`;
      // The latest version may define itself in the unsuffixed file.
      if (!fileNames.has(file) && String(v.v) === String(latest) && fileNames.has(patch.name)) file = patch.name;
      if (!fileNames.has(file)) {
        diagnostics.add({
          code: TxCodes.PropertiesInvalid, severity: 'warn', loc: v.loc,
          message: `Did not find matching node for patch with name '${v.defined_in ?? `${patch.name}_v${v.v}`}' in the 'models' section of file '${patch.file}'`,
          hint: `add models/…/${patch.name}_v${v.v}.sql, or point 'defined_in:' at the file that defines version ${v.v}`,
        });
        continue;
      }
      if (out.has(file)) {
        diagnostics.add({ code: TxCodes.DuplicateName, loc: v.loc, message: `file '${file}.sql' is named as the definition of two model versions` });
        continue;
      }
      out.set(file, { name: patch.name, version: v.v, latestVersion: latest, patch: versionPatch(patch, v) });
    }
  }
  return out;
}

/**
 * dbt's normalize_date, in UTC rather than the machine's zone so artifacts are reproducible:
 * `2024-06-01` → `2024-06-01T00:00:00+00:00`. Null when the text is not a date.
 */
export function normalizeDeprecationDate(text: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!m) return null;
  const time = m[2] === undefined ? '00:00:00' : m[2].length === 5 ? `${m[2]}:00` : m[2];
  const zone = m[3] === undefined || m[3] === 'Z' ? '+00:00' : m[3].includes(':') ? m[3] : `${m[3].slice(0, 3)}:${m[3].slice(3)}`;
  const out = `${m[1]}T${time}${zone}`;
  return Number.isNaN(Date.parse(out)) ? null : out;
}
