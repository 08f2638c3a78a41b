/**
 * Finding and reading dbt_project.yml. Rendering follows dbt's DbtProjectYamlRenderer:
 * every Jinja-bearing string is rendered now EXCEPT the ones dbt renders later, at run
 * time, with a richer context — hooks (model/seed/snapshot/test `pre-hook`/`post-hook`,
 * project `on-run-start`/`on-run-end`), `query-comment`, and the `vars:` block (dbt
 * renders a var's value when `var()` is called).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TxError, TxCodes, type SourceLoc } from '../errors/tx-error.js';
import { parseYamlFile, type YamlFile, type YamlPath } from './yaml-file.js';

export const PROJECT_FILE = 'dbt_project.yml';

export interface DbtProject {
  rootDir: string;
  file: string;
  name: string;
  version: string | null;
  profile: string | null;
  modelPaths: string[];
  seedPaths: string[];
  snapshotPaths: string[];
  testPaths: string[];
  macroPaths: string[];
  analysisPaths: string[];
  /** dbt's default: every resource path (models, seeds, snapshots, tests, macros, analyses). */
  docsPaths: string[];
  assetPaths: string[];
  targetPath: string;
  cleanTargets: string[];
  packagesInstallPath: string;
  /** Raw (unrendered), as dbt keeps them until `var()` is called. */
  vars: Record<string, unknown>;
  quoting: { database?: boolean; schema?: boolean; identifier?: boolean };
  models: Record<string, unknown>;
  seeds: Record<string, unknown>;
  snapshots: Record<string, unknown>;
  /** `data-tests:` / `data_tests:` / legacy `tests:`. */
  dataTests: Record<string, unknown>;
  /** `unit_tests:` config tree (+enabled, +tags, +meta). */
  unitTests: Record<string, unknown>;
  sources: Record<string, unknown>;
  analyses: Record<string, unknown>;
  dispatch: { macro_namespace: string; search_order: string[] }[];
  onRunStart: string[];
  onRunEnd: string[];
  queryComment: unknown;
  /**
   * The config trees as written, Jinja unrendered: what dbt records as a node's
   * `unrendered_config`, so state comparison ignores values that only differ by environment.
   */
  unrendered: Record<'models' | 'seeds' | 'snapshots' | 'dataTests' | 'analyses' | 'sources' | 'unitTests', Record<string, unknown>>;
  /** The rendered document. */
  raw: Record<string, unknown>;
  yaml: YamlFile;
}

export type RenderFn = (value: string, loc: SourceLoc) => unknown;

/** --project-dir when given, else the nearest directory (startDir or a parent) holding dbt_project.yml. */
export function findProjectDir(startDir: string, explicitDir?: string): string {
  if (explicitDir !== undefined) {
    const dir = path.resolve(startDir, explicitDir);
    if (fs.existsSync(path.join(dir, PROJECT_FILE))) return dir;
    throw new TxError({
      code: TxCodes.ProjectNotFound,
      message: `no ${PROJECT_FILE} found in --project-dir ${dir}`,
      hint: 'point --project-dir at the directory that contains dbt_project.yml',
    });
  }
  let dir = path.resolve(startDir);
  for (;;) {
    if (fs.existsSync(path.join(dir, PROJECT_FILE))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new TxError({
    code: TxCodes.ProjectNotFound,
    message: `no ${PROJECT_FILE} found in ${path.resolve(startDir)} or any parent directory`,
    hint: 'run tx from inside a dbt project, or pass --project-dir',
  });
}

const HOOK_KEYS = new Set(['pre-hook', 'post-hook', 'pre_hook', 'post_hook']);
const NODE_TREES = new Set(['models', 'seeds', 'snapshots', 'tests', 'data_tests', 'data-tests']);
const UNRENDERED_TOP = new Set(['on-run-start', 'on-run-end', 'query-comment', 'vars']);

/** dbt's should_render_keypath. */
function shouldRender(keypath: YamlPath): boolean {
  const first = keypath[0];
  if (typeof first !== 'string') return true;
  if (UNRENDERED_TOP.has(first)) return false;
  if (NODE_TREES.has(first)) {
    for (const k of keypath) if (typeof k === 'string' && HOOK_KEYS.has(k.replace(/^[+ ]+/, ''))) return false;
  }
  return true;
}

export function hasJinja(s: string): boolean {
  return s.includes('{{') || s.includes('{%') || s.includes('{#');
}

/** Deep-copy `value`, rendering Jinja strings where `include(keypath)` allows. */
export function renderTree(
  value: unknown,
  keypath: (string | number)[],
  yaml: YamlFile,
  render: RenderFn,
  include: (kp: YamlPath) => boolean,
): unknown {
  if (typeof value === 'string') {
    return hasJinja(value) && include(keypath) ? render(value, yaml.valueLocOf(keypath)) : value;
  }
  if (Array.isArray(value)) return value.map((v, i) => renderTree(v, [...keypath, i], yaml, render, include));
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = renderTree(v, [...keypath, k], yaml, render, include);
    return out;
  }
  return value;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function unrenderedTrees(doc: Record<string, unknown>): DbtProject['unrendered'] {
  const tree = (...keys: string[]): Record<string, unknown> => {
    for (const k of keys) if (isRecord(doc[k])) return doc[k];
    return {};
  };
  return {
    models: tree('models'), seeds: tree('seeds'), snapshots: tree('snapshots'), dataTests: tree('data-tests', 'data_tests', 'tests'),
    analyses: tree('analyses'), sources: tree('sources'), unitTests: tree('unit_tests'),
  };
}

export function loadDbtProject(projectDir: string, render: RenderFn): DbtProject {
  const rootDir = path.resolve(projectDir);
  const file = path.join(rootDir, PROJECT_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (cause) {
    throw new TxError({ code: TxCodes.ProjectNotFound, message: `cannot read ${file}`, cause });
  }
  const yaml = parseYamlFile(file, text);
  const invalid = (message: string, kp: YamlPath, hint?: string): TxError =>
    new TxError({ code: TxCodes.ProjectInvalid, message, loc: yaml.locOf(kp), hint });
  if (!isRecord(yaml.value)) throw invalid(`${PROJECT_FILE} must be a mapping of keys to values`, []);
  const raw = renderTree(yaml.value, [], yaml, render, shouldRender) as Record<string, unknown>;

  const name = raw['name'];
  if (name === undefined || name === null) throw invalid(`${PROJECT_FILE} is missing the required key 'name'`, []);
  if (typeof name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw invalid(`project name '${String(name)}' is invalid: it must be letters, digits and underscores, not starting with a digit`, ['name'],
      "dbt uses the name as a Python/Jinja identifier (e.g. in `ref('pkg', 'model')`)");
  }
  const cv = raw['config-version'];
  if (cv !== undefined && cv !== null && cv !== 2) {
    throw invalid(`unsupported config-version ${JSON.stringify(cv)}: only config-version 2 is supported`, ['config-version']);
  }

  const str = (key: string): string | null => {
    const v = raw[key];
    if (v === undefined || v === null) return null;
    if (typeof v === 'string' || typeof v === 'number') return String(v);
    throw invalid(`'${key}' must be a string`, [key]);
  };
  const strList = (keys: string[], dflt: string[]): string[] => {
    for (const key of keys) {
      const v = raw[key];
      if (v === undefined || v === null) continue;
      if (typeof v === 'string') return [v];
      if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
      throw invalid(`'${key}' must be a list of strings`, [key]);
    }
    return dflt;
  };
  const dict = (keys: string[]): Record<string, unknown> => {
    for (const key of keys) {
      const v = raw[key];
      if (v === undefined || v === null) continue;
      if (isRecord(v)) return v;
      throw invalid(`'${key}' must be a mapping`, [key]);
    }
    return {};
  };
  // Hooks may be a single string or a list (dbt's ProjectPostprocessor listifies them).
  const hooks = (key: string): string[] => {
    const v = raw[key];
    if (v === undefined || v === null) return [];
    const list = Array.isArray(v) ? v : [v];
    if (!list.every((x) => typeof x === 'string')) throw invalid(`'${key}' must be a string or a list of strings`, [key]);
    return list as string[];
  };

  const modelPaths = strList(['model-paths', 'source-paths'], ['models']);
  const seedPaths = strList(['seed-paths', 'data-paths'], ['seeds']);
  const snapshotPaths = strList(['snapshot-paths'], ['snapshots']);
  const testPaths = strList(['test-paths'], ['tests']);
  const macroPaths = strList(['macro-paths'], ['macros']);
  const analysisPaths = strList(['analysis-paths'], ['analyses']);
  const targetPath = str('target-path') ?? 'target';

  const quotingRaw = dict(['quoting']);
  const quoting: DbtProject['quoting'] = {};
  for (const k of ['database', 'schema', 'identifier'] as const) {
    const v = quotingRaw[k];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'boolean') throw invalid(`quoting.${k} must be true or false`, ['quoting', k]);
    quoting[k] = v;
  }

  const dispatchRaw = raw['dispatch'] ?? [];
  if (!Array.isArray(dispatchRaw)) throw invalid("'dispatch' must be a list", ['dispatch']);
  const dispatch = dispatchRaw.map((d, i) => {
    const ns = isRecord(d) ? d['macro_namespace'] : undefined;
    const order = isRecord(d) ? d['search_order'] : undefined;
    if (typeof ns !== 'string' || !Array.isArray(order) || !order.every((x) => typeof x === 'string')) {
      throw invalid('each dispatch entry needs macro_namespace (string) and search_order (list of strings)', ['dispatch', i]);
    }
    return { macro_namespace: ns, search_order: order as string[] };
  });

  if (raw['data-tests'] !== undefined && raw['tests'] !== undefined) {
    throw invalid("use either 'data-tests' or the legacy 'tests', not both", ['tests']);
  }

  return {
    rootDir,
    file,
    name,
    version: str('version'),
    profile: str('profile'),
    modelPaths,
    seedPaths,
    snapshotPaths,
    testPaths,
    macroPaths,
    analysisPaths,
    docsPaths: strList(['docs-paths'], [...modelPaths, ...seedPaths, ...snapshotPaths, ...testPaths, ...macroPaths, ...analysisPaths]),
    assetPaths: strList(['asset-paths'], []),
    targetPath,
    cleanTargets: strList(['clean-targets'], [targetPath]),
    packagesInstallPath: str('packages-install-path') ?? 'dbt_packages',
    vars: dict(['vars']),
    quoting,
    models: dict(['models']),
    seeds: dict(['seeds']),
    snapshots: dict(['snapshots']),
    dataTests: dict(['data-tests', 'data_tests', 'tests']),
    unitTests: dict(['unit_tests']),
    sources: dict(['sources']),
    analyses: dict(['analyses']),
    dispatch,
    onRunStart: hooks('on-run-start'),
    onRunEnd: hooks('on-run-end'),
    queryComment: raw['query-comment'] ?? null,
    unrendered: unrenderedTrees(yaml.value),
    raw,
    yaml,
  };
}
