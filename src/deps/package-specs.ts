/**
 * packages.yml / dependencies.yml: the packages a project depends on, validated once with
 * positions so `tx deps` errors point at the entry.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYamlFile } from '../project/yaml-file.js';
import { TxError, TxCodes, type SourceLoc } from '../errors/tx-error.js';
import { fromYaml } from '../jinja/py-yaml.js';

export type PackageSpec =
  | { kind: 'local'; local: string; loc: SourceLoc }
  | { kind: 'git'; git: string; revision: string | null; subdirectory: string | null; warnUnpinned?: boolean; loc: SourceLoc }
  | { kind: 'tarball'; tarball: string; name: string | null; loc: SourceLoc }
  | { kind: 'hub'; package: string; version: string | string[]; installPrerelease: boolean; loc: SourceLoc };

export interface PackagesFile {
  path: string;
  specs: PackageSpec[];
  /** The `packages:` list as PyYAML reads it (1.0 stays a float), for the lock file's hash. */
  raw: unknown[];
}

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The project's packages, as dbt reads them: dependencies.yml's `packages:` when it has some,
 * else packages.yml; both declaring packages is an error.
 */
export function readPackagesFile(projectDir: string, render: (v: string, loc: SourceLoc) => unknown): PackagesFile | null {
  const read = (name: string) => {
    const path = join(projectDir, name);
    if (!existsSync(path)) return null;
    const text = readFileSync(path, 'utf8');
    const yaml = parseYamlFile(path, text);
    const doc = yaml.value;
    return { path, text, yaml, hasPackages: isDict(doc) && doc['packages'] !== undefined };
  };
  const deps = read('dependencies.yml');
  const pkgs = read('packages.yml');
  if (deps?.hasPackages && pkgs?.hasPackages) {
    throw new TxError({
      code: TxCodes.ProjectInvalid,
      message: "The 'packages' key cannot be specified in both packages.yml and dependencies.yml",
      loc: deps.yaml.locOf(['packages']),
      hint: 'keep the packages in one of the two files',
    });
  }
  const chosen = deps?.hasPackages ? deps : (pkgs ?? deps);
  if (!chosen) return null;
  const { path, yaml } = chosen;
  const doc = yaml.value;
  if (doc === null || doc === undefined) return { path, specs: [], raw: [] };
  const list = isDict(doc) ? doc['packages'] : undefined;
  if (list === undefined) return { path, specs: [], raw: [] };
  if (!Array.isArray(list)) throw new TxError({ code: TxCodes.ProjectInvalid, message: "'packages' must be a list", loc: yaml.locOf(['packages']) });
  const specs = list.map((entry, i) => toSpec(entry, yaml.locOf(['packages', i]), render));
  const py = fromYaml(chosen.text) as Dict | null;
  return { path, specs, raw: Array.isArray(py?.['packages']) ? (py['packages'] as unknown[]) : list };
}

function toSpec(entry: unknown, loc: SourceLoc, render: (v: string, loc: SourceLoc) => unknown): PackageSpec {
  const fail = (message: string, hint?: string): never => {
    throw new TxError({ code: TxCodes.ProjectInvalid, message, loc, ...(hint ? { hint } : {}) });
  };
  if (!isDict(entry)) return fail('a package entry must be a mapping', 'e.g. `- package: dbt-labs/dbt_utils` with `version: [">=1.0.0", "<2.0.0"]`');
  // env_var() may appear in git URLs (tokens), as dbt allows.
  const str = (k: string): string | null => (typeof entry[k] === 'string' ? String(render(entry[k] as string, loc)) : entry[k] === undefined ? null : String(entry[k]));
  if (entry['local'] !== undefined) return { kind: 'local', local: str('local')!, loc };
  if (entry['git'] !== undefined) {
    const warn = entry['warn-unpinned'] ?? entry['warn_unpinned'];
    return { kind: 'git', git: str('git')!, revision: str('revision'), subdirectory: str('subdirectory'), warnUnpinned: warn !== false, loc };
  }
  if (entry['tarball'] !== undefined) return { kind: 'tarball', tarball: str('tarball')!, name: str('name'), loc };
  if (entry['package'] !== undefined) {
    const version = entry['version'];
    if (version === undefined) fail(`package '${String(entry['package'])}' needs a version`, 'e.g. version: [">=1.0.0", "<2.0.0"]');
    const v = Array.isArray(version) ? version.map(String) : String(version);
    return { kind: 'hub', package: String(entry['package']), version: v, installPrerelease: entry['install-prerelease'] === true || entry['install_prerelease'] === true, loc };
  }
  return fail(`a package entry needs one of local, git, tarball or package (got: ${Object.keys(entry).join(', ')})`);
}
