/**
 * `tx deps`: installs packages.yml's packages (and theirs, transitively) into dbt_packages/ and
 * records exactly what was installed in package-lock.yml. With a lock whose hash matches
 * packages.yml, the locked versions and revisions are installed as they are (no resolving).
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml, stringify } from 'yaml';
import type { SourceLoc } from '../errors/tx-error.js';
import { readPackagesFile, type PackageSpec } from './package-specs.js';
import { fetchPackage, type Fetched } from './fetchers.js';
import { lockHash } from './lock-hash.js';
import { parseConstraints, parseVersion, satisfies, type Constraint } from './semver.js';
import { loadDbtProject, type RenderFn } from '../project/dbt-project.js';

export interface DepsOptions {
  projectDir: string;
  installPath: string;
  hubUrl: string;
  render: RenderFn;
  /** Re-resolve even when package-lock.yml matches. */
  upgrade: boolean;
  log(message: string): void;
}

export interface DepsResult {
  installed: { name: string; from: string }[];
  lockPath: string | null;
}

const LOCK = 'package-lock.yml';

/**
 * Identity of a package source, so one reached twice (directly and through another package)
 * installs once. Hub packages have none: their version ranges are merged instead.
 */
function sourceKey(spec: PackageSpec, baseDir: string): string | null {
  switch (spec.kind) {
    case 'local': return `local:${resolve(baseDir, spec.local)}`;
    case 'git': return `git:${spec.git}#${spec.subdirectory ?? ''}`;
    case 'tarball': return `tarball:${spec.tarball}`;
    case 'hub': return null;
  }
}

function label(spec: PackageSpec): string {
  return spec.kind === 'local' ? `file://${spec.local}` : spec.kind === 'git' ? spec.git : spec.kind === 'tarball' ? spec.tarball : spec.package;
}

export async function installDeps(opts: DepsOptions): Promise<DepsResult> {
  const file = readPackagesFile(opts.projectDir, opts.render);
  const installDir = resolve(opts.projectDir, opts.installPath);
  if (!file || file.specs.length === 0) {
    opts.log('Warning: No packages were found in packages.yml');
    return { installed: [], lockPath: null };
  }
  const hash = lockHash(file.raw, (v) => (typeof v === 'string' && (v.includes('{{') || v.includes('{%')) ? opts.render(v, { file: file.path, line: 1, col: 1 }) : v));
  const lockPath = join(opts.projectDir, LOCK);
  const locked = !opts.upgrade ? readLock(lockPath, hash, file.path) : null;

  rmSync(installDir, { recursive: true, force: true });
  mkdirSync(installDir, { recursive: true });
  const installed = new Map<string, { fetched: Fetched; spec: PackageSpec }>();
  const hubConstraints = new Map<string, Constraint[]>();
  // Breadth-first: the project's packages, then what they need. A locked install is already flat.
  const queue: { spec: PackageSpec; baseDir: string }[] = (locked ?? file.specs).map((spec) => ({ spec, baseDir: opts.projectDir }));
  const seen = new Set<string>();
  while (queue.length > 0) {
    const { spec, baseDir } = queue.shift()!;
    const key = sourceKey(spec, baseDir);
    if (key !== null) {
      if (seen.has(key)) continue;
      seen.add(key);
    }
    if (spec.kind === 'hub') {
      // The same hub package wanted twice: keep the installed version if it meets both ranges,
      // else pick again within all of them.
      const constraints = parseConstraints(spec.version);
      hubConstraints.set(spec.package, [...(hubConstraints.get(spec.package) ?? []), ...constraints]);
      const prev = [...installed.values()].find((x) => x.spec.kind === 'hub' && x.spec.package === spec.package);
      const prevVersion = prev ? parseVersion(String(prev.fetched.lock['version'])) : null;
      if (prevVersion && satisfies(prevVersion, constraints)) continue;
    }
    opts.log(`Installing ${label(spec)}`);
    const fetched = await fetchPackage(spec, { projectDir: baseDir, hubUrl: opts.hubUrl, ...(spec.kind === 'hub' ? { hubConstraints: hubConstraints.get(spec.package) ?? [] } : {}) });
    const project = loadDbtProject(fetched.dir, opts.render);
    if (installed.has(project.name) && spec.kind !== 'hub') {
      // Another source already installed a package of this name: dbt keeps one of each.
      opts.log(`  Found duplicate project "${project.name}". This occurs when a dependency has the same project name as some other dependency.`);
      continue;
    }
    if (spec.kind === 'git' && spec.warnUnpinned !== false && (spec.revision === null || ['HEAD', 'main', 'master'].includes(spec.revision))) {
      const how = spec.revision === null || spec.revision === 'HEAD' ? 'not pinned, using HEAD (default branch)' : `pinned to the "${spec.revision}" branch`;
      opts.log(`Warning: The git package "${spec.git}" \n\tis ${how}.\n\tThis can introduce breaking changes into your project without warning!\n\nSee https://docs.getdbt.com/docs/package-management#section-specifying-package-versions`);
    }
    const target = join(installDir, project.name);
    rmSync(target, { recursive: true, force: true });
    if (fetched.link) symlinkSync(fetched.dir, target, 'dir');
    else cpSync(fetched.dir, target, { recursive: true });
    installed.set(project.name, { fetched, spec });
    opts.log(`  Installed from ${fetched.from}`);
    if (!locked) {
      const sub = readPackagesFile(fetched.dir, opts.render);
      for (const s of sub?.specs ?? []) queue.push({ spec: s, baseDir: fetched.dir });
    }
  }
  const lock = { packages: [...installed.values()].map((x) => x.fetched.lock), sha1_hash: hash };
  writeFileSync(lockPath, stringify(lock));
  return { installed: [...installed].map(([name, x]) => ({ name, from: x.fetched.from })), lockPath };
}

/** The locked entries as specs, when the lock was made from this exact packages.yml. */
function readLock(lockPath: string, hash: string, packagesPath: string): PackageSpec[] | null {
  if (!existsSync(lockPath)) return null;
  const doc = parseYaml(readFileSync(lockPath, 'utf8')) as { packages?: Record<string, unknown>[]; sha1_hash?: string } | null;
  if (!doc || doc.sha1_hash !== hash || !Array.isArray(doc.packages)) return null;
  const loc: SourceLoc = { file: lockPath, line: 1, col: 1 };
  void packagesPath;
  return doc.packages.map((e): PackageSpec => {
    if (typeof e['local'] === 'string') return { kind: 'local', local: e['local'], loc };
    if (typeof e['git'] === 'string') return { kind: 'git', git: e['git'], revision: (e['revision'] as string) ?? null, subdirectory: (e['subdirectory'] as string) ?? null, loc };
    if (typeof e['tarball'] === 'string') return { kind: 'tarball', tarball: e['tarball'], name: (e['name'] as string) ?? null, loc };
    return { kind: 'hub', package: String(e['package']), version: `=${String(e['version'])}`, installPrerelease: true, loc };
  });
}
