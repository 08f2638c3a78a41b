/**
 * Installed packages: every folder under the root project's packages-install-path
 * (`dbt_packages/`) that holds a dbt_project.yml, loaded like the root project. `tx deps`
 * puts them there; parsing never reaches for the network.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DbtProject } from './dbt-project.js';
import { loadDbtProject, type RenderFn } from './dbt-project.js';

export function loadInstalledPackages(root: DbtProject, render: RenderFn): DbtProject[] {
  const dir = resolve(root.rootDir, root.packagesInstallPath);
  if (!existsSync(dir)) return [];
  const out: DbtProject[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const pkgDir = join(dir, entry);
    // Local packages are symlinks: statSync follows them.
    if (!statSync(pkgDir).isDirectory() || !existsSync(join(pkgDir, 'dbt_project.yml'))) continue;
    const project = loadDbtProject(pkgDir, render);
    if (project.name !== root.name) out.push(project);
  }
  return out;
}
