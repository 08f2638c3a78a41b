/**
 * `exposures:` entries of properties YAML → exposure nodes (dbt's Exposure). An exposure is a
 * consumer of the project (a dashboard, a notebook, an ML model): it sits at the end of the
 * graph, is selectable (`+exposure:weekly_kpis`) and documented, and is never built.
 * `depends_on` entries are Jinja calls (`ref('orders')`, `source('raw', 'events')`), rendered
 * in capture mode like a model's refs; errors point at the YAML entry.
 */
import { posix } from 'node:path';
import type { ParseContext } from './parse-context.js';
import type { ExposureNode, RefCall } from './manifest-types.js';
import type { PropertiesFile, RawEntry } from '../project/properties.js';
import { TxError, TxCodes } from '../errors/tx-error.js';
import { folderConfig, mergeConfigs } from './config-merge.js';
import { parseRefArgs, parseSourceArgs } from '../context/ref-args.js';

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict => v !== null && typeof v === 'object' && !Array.isArray(v);

/** dbt's ExposureType and MaturityType. */
const TYPES = ['dashboard', 'notebook', 'analysis', 'ml', 'application'];
const MATURITIES = ['low', 'medium', 'high'];
const NAME = /^[\w]+$/;

export function parseExposures(ctx: ParseContext, files: PropertiesFile[]): ExposureNode[] {
  const out: ExposureNode[] = [];
  for (const file of files) {
    for (const entry of file.exposures) {
      const node = ctx.diagnostics.collect(() => buildExposure(ctx, file, entry));
      if (node) out.push(node);
    }
  }
  return out;
}

function buildExposure(ctx: ParseContext, file: PropertiesFile, entry: RawEntry): ExposureNode {
  const raw = entry.raw;
  const loc = entry.loc;
  const fail = (message: string, hint?: string): never => {
    throw new TxError({ code: TxCodes.PropertiesInvalid, message, loc, ...(hint ? { hint } : {}) });
  };
  const name = typeof raw['name'] === 'string' ? raw['name'] : fail('an exposure needs a `name`');
  if (!NAME.test(name)) fail(`exposure name '${name}' may only contain letters, digits and underscores`, "use `label:` for a display name with spaces");
  const type = typeof raw['type'] === 'string' ? raw['type'] : fail(`exposure '${name}' needs a \`type\``, `one of: ${TYPES.join(', ')}`);
  if (!TYPES.includes(type)) fail(`exposure '${name}' has type '${type}'`, `type must be one of: ${TYPES.join(', ')}`);
  const ownerRaw = raw['owner'];
  if (!isDict(ownerRaw) || (typeof ownerRaw['email'] !== 'string' && typeof ownerRaw['name'] !== 'string')) {
    fail(`exposure '${name}' needs an \`owner\` with a \`name\` or an \`email\``, 'owner:\n  name: Analytics team\n  email: analytics@example.com');
  }
  const owner = ownerRaw as Dict;
  const maturity = raw['maturity'] === undefined || raw['maturity'] === null ? null : String(raw['maturity']);
  if (maturity !== null && !MATURITIES.includes(maturity)) fail(`exposure '${name}' has maturity '${maturity}'`, `maturity must be one of: ${MATURITIES.join(', ')}`);
  const deps = raw['depends_on'] ?? [];
  if (!Array.isArray(deps)) fail(`'depends_on' of exposure '${name}' must be a list of ref(...) / source(...) calls`);
  const refs: RefCall[] = [];
  const sources: [string, string][] = [];
  for (const dep of deps as unknown[]) {
    if (typeof dep !== 'string') fail(`'depends_on' of exposure '${name}' must list strings such as "ref('orders')"`);
    readDependency(ctx, String(dep), file, refs, sources, fail);
  }

  const pkg = ctx.project.name;
  const yamlDirs = posix.dirname(file.file).split('/').slice(1);
  const fqn = [pkg, ...yamlDirs, name];
  const own = isDict(raw['config']) ? raw['config'] : {};
  // dbt_project.yml has no exposures tree for folders; `exposures:` configs apply per project.
  const projectTree = isDict(ctx.project.raw['exposures']) ? (ctx.project.raw['exposures'] as Dict) : {};
  const config = mergeConfigs({ enabled: true, tags: [], meta: {} }, folderConfig(projectTree, pkg, fqn), own) as ExposureNode['config'];
  const tags = [...new Set([...listOf(raw['tags']), ...listOf(config.tags)])];
  config.tags = tags;
  const meta = { ...(isDict(config.meta) ? config.meta : {}), ...(isDict(raw['meta']) ? raw['meta'] : {}) };
  config.meta = meta;
  return {
    unique_id: `exposure.${pkg}.${name}`,
    resource_type: 'exposure',
    package_name: pkg,
    name,
    label: typeof raw['label'] === 'string' ? raw['label'] : null,
    type,
    owner: { name: typeof owner['name'] === 'string' ? owner['name'] : null, email: typeof owner['email'] === 'string' ? owner['email'] : null },
    description: typeof raw['description'] === 'string' ? raw['description'] : '',
    url: typeof raw['url'] === 'string' ? raw['url'] : null,
    maturity,
    meta,
    tags,
    config,
    unrendered_config: { ...own },
    path: file.file.split('/').slice(1).join('/'),
    original_file_path: file.file,
    abs_path: file.absPath,
    fqn,
    refs,
    sources,
    depends_on: { macros: [], nodes: [] },
    loc,
  };
}

function listOf(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : [];
}

/** One `depends_on` entry, rendered as `{{ <entry> }}` where ref/source/metric only record. */
function readDependency(ctx: ParseContext, dep: string, file: PropertiesFile, refs: RefCall[], sources: [string, string][], fail: (m: string, h?: string) => never): void {
  const scope: Dict = {
    ref: (...args: unknown[]) => (refs.push(parseRefArgs(args)), ''),
    source: (...args: unknown[]) => (sources.push(parseSourceArgs(args)), ''),
    // Metrics are not parsed by tx: a dependency on one is accepted and ignored.
    metric: () => '',
  };
  const before = refs.length + sources.length;
  try {
    ctx.jinja.renderString(`{{ ${dep} }}`, file.absPath, scope, ctx.project.name);
  } catch (e) {
    fail(`cannot read depends_on entry "${dep}": ${e instanceof Error ? e.message : String(e)}`, "write entries as \"ref('model')\" or \"source('source_name', 'table')\"");
  }
  if (refs.length + sources.length === before && !/^\s*metric\s*\(/.test(dep)) {
    fail(`depends_on entry "${dep}" is not a ref(), source() or metric() call`, "write entries as \"ref('model')\" or \"source('source_name', 'table')\"");
  }
}
