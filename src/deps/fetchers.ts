/**
 * Getting one package's files into a folder: a local path, a git repository (the git command
 * line: clone, checkout revision, optional subdirectory), a .tar.gz URL, or the dbt package
 * hub (its JSON API picks the version, then the tarball). Nothing here knows about lock files.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { PackageSpec } from './package-specs.js';
import { parseConstraints, dbtVersionAllowed, pickVersion, type Constraint } from './semver.js';
import { DBT_VERSION } from '../artifacts/version.js';
import { TxError, TxCodes } from '../errors/tx-error.js';

const run = promisify(execFile);

export interface Fetched {
  /** Folder holding the package's dbt_project.yml. */
  dir: string;
  /** Installed as a symlink (local packages), else copied. */
  link: boolean;
  /** The package-lock.yml entry that reproduces exactly this install. */
  lock: Record<string, unknown>;
  /** "Installed from …" wording, as dbt logs it. */
  from: string;
}

export interface FetchContext {
  projectDir: string;
  /** Base URL of the package hub (DBT_PACKAGE_HUB_URL), ending with '/'. */
  hubUrl: string;
  /** Every range asked of this hub package so far (this spec's included); else the spec's own. */
  hubConstraints?: Constraint[];
}

function fail(spec: PackageSpec, message: string, hint?: string): never {
  throw new TxError({ code: TxCodes.ProjectInvalid, message, loc: spec.loc, ...(hint ? { hint } : {}) });
}

export async function fetchPackage(spec: PackageSpec, ctx: FetchContext): Promise<Fetched> {
  switch (spec.kind) {
    case 'local': {
      const dir = resolve(ctx.projectDir, spec.local);
      if (!existsSync(join(dir, 'dbt_project.yml'))) fail(spec, `local package ${spec.local} has no dbt_project.yml (looked in ${dir})`);
      return { dir, link: true, lock: { local: spec.local }, from: '<local directory>' };
    }
    case 'git': {
      const tmp = mkdtempSync(join(tmpdir(), 'tx-git-'));
      try {
        await run('git', ['clone', '--quiet', spec.git, tmp]);
        if (spec.revision) await run('git', ['-C', tmp, 'checkout', '--quiet', spec.revision]);
        const sha = (await run('git', ['-C', tmp, 'rev-parse', 'HEAD'])).stdout.trim();
        const dir = spec.subdirectory ? join(tmp, spec.subdirectory) : tmp;
        if (!existsSync(join(dir, 'dbt_project.yml'))) fail(spec, `git package ${spec.git}${spec.subdirectory ? ` (subdirectory ${spec.subdirectory})` : ''} has no dbt_project.yml`);
        return { dir, link: false, lock: { git: spec.git, revision: sha, ...(spec.subdirectory ? { subdirectory: spec.subdirectory } : {}) }, from: `revision ${spec.revision ?? sha}` };
      } catch (e) {
        if (e instanceof TxError) throw e;
        const msg = (e as { stderr?: string }).stderr?.trim() || (e as Error).message;
        return fail(spec, `could not get git package ${spec.git}${spec.revision ? ` at ${spec.revision}` : ''}: ${msg}`, 'check the URL and revision, and that `git` is installed');
      }
    }
    case 'tarball': {
      const dir = await downloadTarball(spec, spec.tarball);
      return { dir, link: false, lock: { tarball: spec.tarball, ...(spec.name ? { name: spec.name } : {}) }, from: 'tarball' };
    }
    case 'hub': {
      const url = `${ctx.hubUrl}api/v1/${spec.package}.json`;
      const index = (await getJson(spec, url)) as { versions?: Record<string, { downloads?: { tarball?: string }; require_dbt_version?: unknown }> };
      // As dbt (VERSION_CHECK): only versions whose require_dbt_version admits this dbt version.
      const listed = Object.keys(index.versions ?? {});
      const versions = listed.filter((v) => dbtVersionAllowed(index.versions?.[v]?.require_dbt_version, DBT_VERSION));
      let constraints: Constraint[];
      try {
        constraints = ctx.hubConstraints && ctx.hubConstraints.length > 0 ? ctx.hubConstraints : parseConstraints(spec.version);
      } catch (e) {
        return fail(spec, `package ${spec.package}: ${(e as Error).message}`);
      }
      const version = pickVersion(versions, constraints, spec.installPrerelease);
      if (!version) {
        const dropped = listed.filter((v) => !versions.includes(v));
        fail(
          spec,
          `no version of ${spec.package} satisfies ${constraints.map((c) => `${c.op}${c.version.raw}`).join(', ')} (available: ${versions.join(', ') || 'none'}${dropped.length > 0 ? `; ${dropped.join(', ')} require another dbt version than ${DBT_VERSION}` : ''})`,
          'widen the version range in packages.yml',
        );
      }
      const tarball = index.versions?.[version!]?.downloads?.tarball;
      if (!tarball) fail(spec, `the hub lists no download for ${spec.package} ${version}`);
      const dir = await downloadTarball(spec, tarball!);
      return { dir, link: false, lock: { package: spec.package, version: version! }, from: `version ${version}` };
    }
  }
}

async function getJson(spec: PackageSpec, url: string): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (e) {
    return fail(spec, `could not reach ${url}: ${(e as Error).message}`, 'check your network, or set DBT_PACKAGE_HUB_URL');
  }
  if (!res.ok) fail(spec, `${url} answered ${res.status}`, res.status === 404 ? 'check the package name (org/name)' : undefined);
  return res.json();
}

/** Downloads and unpacks a .tar.gz; returns the folder holding dbt_project.yml. */
async function downloadTarball(spec: PackageSpec, url: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (e) {
    return fail(spec, `could not download ${url}: ${(e as Error).message}`);
  }
  if (!res.ok) fail(spec, `downloading ${url} answered ${res.status}`);
  const tmp = mkdtempSync(join(tmpdir(), 'tx-tar-'));
  const file = join(tmp, 'package.tar.gz');
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  const out = join(tmp, 'x');
  mkdirSync(out, { recursive: true });
  try {
    await run('tar', ['-xzf', file, '-C', out]);
  } catch (e) {
    return fail(spec, `${url} is not a .tar.gz archive: ${(e as { stderr?: string }).stderr?.trim() ?? ''}`);
  }
  if (existsSync(join(out, 'dbt_project.yml'))) return out;
  // GitHub-style archives hold one top folder.
  const inner = readdirSync(out).map((d) => join(out, d)).find((d) => existsSync(join(d, 'dbt_project.yml')));
  return inner ?? fail(spec, `the archive at ${url} holds no dbt_project.yml`);
}
