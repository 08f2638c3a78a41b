/** `tx deps`: install the project's packages into dbt_packages/ (see src/deps/install.ts). */
import type { Invocation } from '../invocation.js';
import type { CommonOptions } from './options.js';
import { findProjectDir, loadDbtProject } from '../project/dbt-project.js';
import { parseCliVars } from '../project/vars.js';
import { installDeps } from '../deps/install.js';
import { yamlRenderer } from './session.js';

export async function depsCommand(inv: Invocation, opts: CommonOptions & { upgrade?: boolean | undefined }): Promise<number> {
  const projectDir = findProjectDir(inv.cwd, opts.projectDir);
  const render = yamlRenderer(inv, parseCliVars(opts.vars ?? ''));
  const project = loadDbtProject(projectDir, render);
  const hub = inv.env['DBT_PACKAGE_HUB_URL'] ?? 'https://hub.getdbt.com/';
  const result = await installDeps({
    projectDir,
    installPath: project.packagesInstallPath,
    hubUrl: hub.endsWith('/') ? hub : `${hub}/`,
    render,
    upgrade: opts.upgrade === true,
    log: (message) => inv.reporter.emit({ type: 'info', message }),
  });
  if (result.lockPath) inv.reporter.emit({ type: 'info', message: `Installed ${result.installed.length} package${result.installed.length === 1 ? '' : 's'}; wrote ${result.lockPath}` });
  return 0;
}
