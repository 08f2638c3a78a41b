/**
 * packages.yml / dependencies.yml: the packages a project depends on, validated once with
 * positions so `tx deps` errors point at the entry.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYamlFile } from '../project/yaml-file.js';
import { TxError, TxCodes, type SourceLoc } from '../errors/tx-error.js';

export type PackageSpec =
  | { kind: 'local'; local: string; loc: SourceLoc }
  | { kind: 'git'; git: string; revision: string | null; subdirectory: string | null; loc: SourceLoc }
  | { kind: 'tarball'; tarball: string; name: string | null; loc: SourceLoc }
  | { kind: 'hub'; package: string; version: string | string[]; installPrerelease: boolean; loc: SourceLoc };

export interface PackagesFile {
  path: string;
  specs: PackageSpec[];
  /** The `packages:` list as written, for the lock file's hash. */
  raw: unknown[];
}

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict => v !== null && typeof v === 'object' && !Array.isArray(v);

/** dependencies.yml wins when both exist (dbt reads its `packages:` too). */
export function readPackagesFile(projectDir: string, render: (v: string, loc: SourceLoc) => unknown): PackagesFile | null {
  const path = ['dependencies.yml', 'packages.yml'].map((f) => join(projectDir, f)).find((p) => existsSync(p));
  if (!path) return null;
  const yaml = parseYamlFile(path, readFileSync(path, 'utf8'));
  const doc = yaml.value;
  if (doc === null || doc === undefined) return { path, specs: [], raw: [] };
  const list = isDict(doc) ? doc['packages'] : undefined;
  if (list === undefined) return { path, specs: [], raw: [] };
  if (!Array.isArray(list)) throw new TxError({ code: TxCodes.ProjectInvalid, message: "'packages' must be a list", loc: yaml.locOf(['packages']) });
  const specs = list.map((entry, i) => toSpec(entry, yaml.locOf(['packages', i]), render));
  return { path, specs, raw: list };
}

function toSpec(entry: unknown, loc: SourceLoc, render: (v: string, loc: SourceLoc) => unknown): PackageSpec {
  const fail = (message: string, hint?: string): never => {
    throw new TxError({ code: TxCodes.ProjectInvalid, message, loc, ...(hint ? { hint } : {}) });
  };
  if (!isDict(entry)) return fail('a package entry must be a mapping', 'e.g. `- package: dbt-labs/dbt_utils` with `version: [">=1.0.0", "<2.0.0"]`');
  // env_var() may appear in git URLs (tokens), as dbt allows.
  const str = (k: string): string | null => (typeof entry[k] === 'string' ? String(render(entry[k] as string, loc)) : entry[k] === undefined ? null : String(entry[k]));
  if (entry['local'] !== undefined) return { kind: 'local', local: str('local')!, loc };
  if (entry['git'] !== undefined) return { kind: 'git', git: str('git')!, revision: str('revision'), subdirectory: str('subdirectory'), loc };
  if (entry['tarball'] !== undefined) return { kind: 'tarball', tarball: str('tarball')!, name: str('name'), loc };
  if (entry['package'] !== undefined) {
    const version = entry['version'];
    if (version === undefined) fail(`package '${String(entry['package'])}' needs a version`, 'e.g. version: [">=1.0.0", "<2.0.0"]');
    const v = Array.isArray(version) ? version.map(String) : String(version);
    return { kind: 'hub', package: String(entry['package']), version: v, installPrerelease: entry['install-prerelease'] === true, loc };
  }
  return fail(`a package entry needs one of local, git, tarball or package (got: ${Object.keys(entry).join(', ')})`);
}
