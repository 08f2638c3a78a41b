/**
 * Properties YAML (`version: 2` files under model/seed/snapshot/analysis/macro/test
 * paths). Shapes are validated here, once, so every later phase can trust the types;
 * each problem is reported at the exact offending key and the entry is skipped, so one
 * bad entry does not hide the others. Diagnostics are returned, not thrown: the parse
 * phase collects them and fails at its gate.
 */
import { TxError, TxCodes, type SourceLoc } from '../errors/tx-error.js';
import type { YamlFile } from './yaml-file.js';
import { readFreshness, type FreshnessLayer } from './freshness-yaml.js';

type Path = (string | number)[];
type Dict = Record<string, unknown>;

export interface ColumnPatch {
  name: string;
  description: string;
  data_type: string | null;
  meta: Dict;
  tags: string[];
  quote: boolean | null;
  constraints: unknown[];
  /** Raw generic-test entries (`data_tests:` or legacy `tests:`). */
  data_tests: unknown[];
  config: Dict;
  granularity: string | null;
  loc: SourceLoc;
}

/** One entry of a model's `versions:` (dbt's UnparsedVersion). */
export interface VersionPatch {
  v: string | number;
  /** The file (name without .sql) that defines this version; null: `<model>_v<v>`. */
  defined_in: string | null;
  /** null: the model's own is used. */
  description: string | null;
  access: string | null;
  config: Dict;
  /** Empty: the model's constraints apply (dbt: `version.constraints or model.constraints`). */
  constraints: unknown[];
  docs: { show?: boolean; node_color?: string | null } | null;
  /** null: the model's tests apply. */
  data_tests: unknown[] | null;
  /** Columns declared on the version itself (added after the included model columns). */
  columns: ColumnPatch[];
  /** Which of the model's columns the version keeps: `include: all|*|[names]`, `exclude: [names]`. */
  include: '*' | string[];
  exclude: string[];
  deprecation_date: string | null;
  loc: SourceLoc;
}

export type PatchResourceType = 'model' | 'seed' | 'snapshot' | 'analysis' | 'macro';

export interface NodePatch {
  resourceType: PatchResourceType;
  name: string;
  description: string;
  columns: ColumnPatch[];
  config: Dict;
  meta: Dict;
  tags: string[];
  docs: { show?: boolean; node_color?: string | null } | null;
  data_tests: unknown[];
  constraints: unknown[];
  versions: VersionPatch[];
  latest_version: string | number | null;
  access: string | null;
  group: string | null;
  deprecation_date: string | null;
  /** Macros only: documented arguments. */
  arguments: unknown[];
  /** The whole entry as written, for keys not modelled here. */
  raw: Dict;
  loc: SourceLoc;
  /** Project-relative path when `relPath` was given to parsePropertiesFile (dbt's patch_path), else absolute. */
  file: string;
  absPath: string;
}

export interface SourceTable {
  name: string;
  identifier: string;
  description: string;
  columns: ColumnPatch[];
  meta: Dict;
  tags: string[];
  config: Dict;
  quoting: Dict;
  /** undefined = not set (inherit from source); null = explicitly disabled. */
  freshness: FreshnessLayer | null | undefined;
  /** `config: {freshness: …}` (dbt 1.9+): merged over the property. */
  config_freshness: FreshnessLayer | null | undefined;
  /** `loaded_at_field` (or `config.loaded_at_field`, which wins). */
  loaded_at_field: string | null;
  /** The key is written, even as null: then the source's loaded_at_field/query do not apply. */
  loaded_at_field_present: boolean;
  /** dbt 1.10: SQL returning the max loaded-at timestamp, instead of a loaded_at_field. */
  loaded_at_query: string | null;
  external: unknown;
  data_tests: unknown[];
  raw: Dict;
  loc: SourceLoc;
}

export interface SourceDefinition {
  name: string;
  description: string;
  database: string | null;
  schema: string;
  loader: string;
  meta: Dict;
  tags: string[];
  config: Dict;
  quoting: Dict;
  freshness: FreshnessLayer | null | undefined;
  config_freshness: FreshnessLayer | null | undefined;
  loaded_at_field: string | null;
  loaded_at_query: string | null;
  /** Name of the package whose source this entry overrides. */
  overrides: string | null;
  tables: SourceTable[];
  raw: Dict;
  loc: SourceLoc;
  file: string;
  absPath: string;
}

export interface RawEntry {
  name: string | null;
  raw: Dict;
  loc: SourceLoc;
  file: string;
}

export interface PropertiesFile {
  absPath: string;
  /** Project-relative path when given, else absolute. */
  file: string;
  version: number | null;
  models: NodePatch[];
  seeds: NodePatch[];
  snapshots: NodePatch[];
  analyses: NodePatch[];
  macros: NodePatch[];
  sources: SourceDefinition[];
  unitTests: RawEntry[];
  exposures: RawEntry[];
  /** Every other top-level key (metrics, groups, semantic_models, saved_queries, …) as written. */
  raw: Dict;
  /** Errors and warnings found in this file; entries with errors are left out above. */
  diagnostics: TxError[];
}

const NODE_SECTIONS = { models: 'model', seeds: 'seed', snapshots: 'snapshot', analyses: 'analysis', macros: 'macro' } as const;
const KNOWN_TOP = new Set([
  'version', 'models', 'seeds', 'snapshots', 'analyses', 'macros', 'sources', 'unit_tests', 'exposures',
  'metrics', 'groups', 'semantic_models', 'saved_queries', 'functions',
]);

const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Thrown inside an entry to skip it; the diagnostic was already recorded. */
class Skip extends Error {}

export function parsePropertiesFile(yaml: YamlFile, relPath?: string): PropertiesFile {
  const diagnostics: TxError[] = [];
  const fileLabel = relPath ?? yaml.file;
  const out: PropertiesFile = {
    absPath: yaml.file, file: fileLabel, version: null,
    models: [], seeds: [], snapshots: [], analyses: [], macros: [], sources: [], unitTests: [], exposures: [],
    raw: {}, diagnostics,
  };
  const fail = (message: string, kp: Path, hint?: string): never => {
    diagnostics.push(new TxError({ code: TxCodes.PropertiesInvalid, message, loc: yaml.locOf(kp), hint }));
    throw new Skip();
  };
  const guard = (fn: () => void): void => {
    try {
      fn();
    } catch (e) {
      if (!(e instanceof Skip)) throw e;
    }
  };

  // --- field readers: each validates one key of `obj` at keypath `kp` -------------------
  const optStr = (obj: Dict, key: string, kp: Path): string | null => {
    const v = obj[key];
    if (v === undefined || v === null) return null;
    if (typeof v === 'string') return v;
    // Deliberately lenient (dbt would reject): `description: 2024` is a slip, not a design.
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return fail(`'${key}' must be a string`, [...kp, key]);
  };
  const dict = (obj: Dict, key: string, kp: Path): Dict => {
    const v = obj[key];
    if (v === undefined || v === null) return {};
    return isDict(v) ? v : fail(`'${key}' must be a mapping`, [...kp, key]);
  };
  const list = (obj: Dict, key: string, kp: Path): unknown[] => {
    const v = obj[key];
    if (v === undefined || v === null) return [];
    return Array.isArray(v) ? v : fail(`'${key}' must be a list`, [...kp, key], `write it as a YAML list: '${key}:' followed by '- ...' items`);
  };
  const tags = (obj: Dict, key: string, kp: Path): string[] => {
    const v = obj[key];
    if (v === undefined || v === null) return [];
    if (typeof v === 'string') return [v];
    if (Array.isArray(v) && v.every((t) => typeof t === 'string')) return v as string[];
    return fail(`'${key}' must be a string or a list of strings`, [...kp, key]);
  };
  // `tests:` is the legacy spelling of `data_tests:`; dbt rejects both at once.
  const dataTests = (obj: Dict, kp: Path): unknown[] => {
    if (obj['tests'] !== undefined && obj['data_tests'] !== undefined) {
      fail("use either 'data_tests' or the legacy 'tests', not both", [...kp, 'tests']);
    }
    return obj['data_tests'] !== undefined ? list(obj, 'data_tests', kp) : list(obj, 'tests', kp);
  };
  const entryName = (entry: unknown, kp: Path, what: string): string => {
    if (!isDict(entry)) return fail(`each ${what} entry must be a mapping with a 'name'`, kp);
    const n = entry['name'];
    if (n === undefined || n === null) return fail(`${what} entry is missing 'name'`, kp);
    if (typeof n !== 'string' || n === '') return fail(`${what} 'name' must be a non-empty string`, [...kp, 'name']);
    return n;
  };
  // dbt rejects unknown keys in a source's own `freshness:` but ignores them under `config:`.
  const freshness = (obj: Dict, kp: Path, unknownKeys: 'error' | 'warn' = 'error'): FreshnessLayer | null | undefined => {
    if (!('freshness' in obj)) return undefined;
    const { layer, problems } = readFreshness(obj['freshness'], [...kp, 'freshness'], unknownKeys);
    for (const p of problems) diagnostics.push(new TxError({ code: TxCodes.PropertiesInvalid, severity: p.severity, message: p.message, loc: yaml.locOf(p.path), hint: p.hint }));
    if (layer === undefined) throw new Skip();
    return layer;
  };
  // loaded_at_field / loaded_at_query, top-level or (dbt 1.10) under `config:`, which wins.
  const loadedAt = (e: Dict, config: Dict, kp: Path, level: 'source' | 'table') => {
    const ckp = [...kp, 'config'];
    const pick = (key: string) => (key in config ? optStr(config, key, ckp) : optStr(e, key, kp));
    const field = pick('loaded_at_field');
    const query = pick('loaded_at_query');
    const present = 'loaded_at_field' in e || 'loaded_at_field' in config;
    if (query !== null && (level === 'table' ? present : field !== null)) {
      fail(`Cannot specify both loaded_at_field and loaded_at_query at ${level} level.`, 'loaded_at_query' in config ? [...ckp, 'loaded_at_query'] : [...kp, 'loaded_at_query'],
        'keep one: loaded_at_query is a query returning the latest load time, loaded_at_field a column or expression');
    }
    return { field, query, present };
  };

  const columns = (obj: Dict, kp: Path, skip: (c: unknown) => boolean = () => false): ColumnPatch[] => {
    const cols: ColumnPatch[] = [];
    const seen = new Set<string>();
    list(obj, 'columns', kp).forEach((c, i) => guard(() => {
      if (skip(c)) return;
      const ckp = [...kp, 'columns', i];
      const name = entryName(c, ckp, 'column');
      const col = c as Dict;
      const quote = col['quote'];
      if (quote !== undefined && quote !== null && typeof quote !== 'boolean') fail("'quote' must be true or false", [...ckp, 'quote']);
      if (seen.has(name)) fail(`column '${name}' is listed twice`, ckp);
      seen.add(name);
      cols.push({
        name,
        description: optStr(col, 'description', ckp) ?? '',
        data_type: optStr(col, 'data_type', ckp),
        meta: dict(col, 'meta', ckp),
        tags: tags(col, 'tags', ckp),
        quote: (quote as boolean | null | undefined) ?? null,
        constraints: list(col, 'constraints', ckp),
        data_tests: dataTests(col, ckp),
        config: dict(col, 'config', ckp),
        granularity: optStr(col, 'granularity', ckp),
        loc: yaml.locOf(ckp),
      });
    }));
    return cols;
  };

  // A version's `columns:` mixes column entries with one `{include, exclude}` entry.
  const isIncludeExclude = (c: unknown): boolean => isDict(c) && c['name'] === undefined && ('include' in c || 'exclude' in c);
  const version = (entry: unknown, kp: Path): VersionPatch => {
    if (!isDict(entry) || entry['v'] === undefined || entry['v'] === null) return fail("each version entry needs a 'v' key", kp);
    const v = entry['v'];
    if (typeof v !== 'string' && typeof v !== 'number') return fail("a version's 'v' must be a number or a string", [...kp, 'v']);
    const specials = (Array.isArray(entry['columns']) ? entry['columns'] : []).map((c, i) => [c, i] as const).filter(([c]) => isIncludeExclude(c));
    if (specials.length > 1) fail('version can have at most one include/exclude element', [...kp, 'columns', specials[1]![1]]);
    let include: '*' | string[] = '*';
    let exclude: string[] = [];
    const ie = specials[0];
    if (ie) {
      const d = ie[0] as Dict;
      const inc = d['include'];
      const ikp = [...kp, 'columns', ie[1]];
      if (inc === 'all' || inc === '*' || inc === undefined) include = '*';
      else if (Array.isArray(inc) && inc.every((x) => typeof x === 'string')) include = inc as string[];
      else fail("'include' must be 'all', '*' or a list of column names", [...ikp, 'include']);
      exclude = tags(d, 'exclude', ikp);
      if (exclude.length > 0 && include !== '*') fail("'exclude' can only be used with 'include: all'", [...ikp, 'exclude']);
    }
    const docs = entry['docs'];
    if (docs !== undefined && docs !== null && !isDict(docs)) fail("'docs' must be a mapping (show, node_color)", [...kp, 'docs']);
    const hasTests = entry['data_tests'] !== undefined || entry['tests'] !== undefined;
    return {
      v,
      defined_in: optStr(entry, 'defined_in', kp),
      description: optStr(entry, 'description', kp),
      access: optStr(entry, 'access', kp),
      config: dict(entry, 'config', kp),
      constraints: list(entry, 'constraints', kp),
      docs: (docs as VersionPatch['docs'] | undefined) ?? null,
      data_tests: hasTests ? dataTests(entry, kp) : null,
      columns: columns(entry, kp, isIncludeExclude),
      include,
      exclude,
      deprecation_date: optStr(entry, 'deprecation_date', kp),
      loc: yaml.locOf(kp),
    };
  };

  const nodePatch = (resourceType: PatchResourceType, entry: unknown, kp: Path): NodePatch => {
    const name = entryName(entry, kp, resourceType);
    const e = entry as Dict;
    const docs = e['docs'];
    if (docs !== undefined && docs !== null && !isDict(docs)) fail("'docs' must be a mapping (show, node_color)", [...kp, 'docs']);
    const lv = e['latest_version'];
    if (lv !== undefined && lv !== null && typeof lv !== 'string' && typeof lv !== 'number') {
      fail("'latest_version' must be a string or number", [...kp, 'latest_version']);
    }
    const versions: VersionPatch[] = [];
    list(e, 'versions', kp).forEach((v, i) => guard(() => {
      const parsed = version(v, [...kp, 'versions', i]);
      if (versions.some((x) => String(x.v) === String(parsed.v))) fail(`Found duplicate version: '${parsed.v}' in versions list of model '${name}'`, [...kp, 'versions', i]);
      versions.push(parsed);
    }));
    if (lv !== undefined && lv !== null && versions.length > 0 && !versions.some((x) => String(x.v) === String(lv))) {
      fail(`latest_version: ${String(lv)} is not one of model '${name}' versions: [${versions.map((x) => String(x.v)).join(', ')}]`, [...kp, 'latest_version']);
    }
    return {
      resourceType, name,
      description: optStr(e, 'description', kp) ?? '',
      columns: columns(e, kp),
      config: dict(e, 'config', kp),
      meta: dict(e, 'meta', kp),
      tags: tags(e, 'tags', kp),
      docs: (docs as NodePatch['docs'] | undefined) ?? null,
      data_tests: dataTests(e, kp),
      constraints: list(e, 'constraints', kp),
      versions,
      latest_version: (lv as string | number | null | undefined) ?? null,
      access: optStr(e, 'access', kp),
      group: optStr(e, 'group', kp),
      deprecation_date: optStr(e, 'deprecation_date', kp),
      arguments: list(e, 'arguments', kp),
      raw: e,
      loc: yaml.locOf(kp),
      file: fileLabel,
      absPath: yaml.file,
    };
  };

  const sourceTable = (entry: unknown, kp: Path): SourceTable => {
    const name = entryName(entry, kp, 'table');
    const e = entry as Dict;
    const config = dict(e, 'config', kp);
    const loaded = loadedAt(e, config, kp, 'table');
    return {
      name,
      identifier: optStr(e, 'identifier', kp) ?? name,
      description: optStr(e, 'description', kp) ?? '',
      columns: columns(e, kp),
      meta: dict(e, 'meta', kp),
      tags: tags(e, 'tags', kp),
      config,
      quoting: dict(e, 'quoting', kp),
      freshness: freshness(e, kp),
      config_freshness: freshness(config, [...kp, 'config'], 'warn'),
      loaded_at_field: loaded.field,
      loaded_at_field_present: loaded.present,
      loaded_at_query: loaded.query,
      external: e['external'] ?? null,
      data_tests: dataTests(e, kp),
      raw: e,
      loc: yaml.locOf(kp),
    };
  };

  const source = (entry: unknown, kp: Path): SourceDefinition => {
    const name = entryName(entry, kp, 'source');
    const e = entry as Dict;
    const config = dict(e, 'config', kp);
    const loaded = loadedAt(e, config, kp, 'source');
    const sourceFreshness = freshness(e, kp);
    const configFreshness = freshness(config, [...kp, 'config'], 'warn');
    const tables: SourceTable[] = [];
    list(e, 'tables', kp).forEach((t, i) => guard(() => tables.push(sourceTable(t, [...kp, 'tables', i]))));
    return {
      name,
      description: optStr(e, 'description', kp) ?? '',
      database: optStr(e, 'database', kp),
      schema: optStr(e, 'schema', kp) ?? name,
      loader: optStr(e, 'loader', kp) ?? '',
      meta: dict(e, 'meta', kp),
      tags: tags(e, 'tags', kp),
      config,
      quoting: dict(e, 'quoting', kp),
      freshness: sourceFreshness,
      config_freshness: configFreshness,
      loaded_at_field: loaded.field,
      loaded_at_query: loaded.query,
      overrides: optStr(e, 'overrides', kp),
      tables,
      raw: e,
      loc: yaml.locOf(kp),
      file: fileLabel,
      absPath: yaml.file,
    };
  };

  const rawEntries = (section: string, what: string): RawEntry[] => {
    const entries: RawEntry[] = [];
    guard(() => list(doc, section, []).forEach((x, i) => guard(() => {
      const name = entryName(x, [section, i], what);
      entries.push({ name, raw: x as Dict, loc: yaml.locOf([section, i]), file: fileLabel });
    })));
    return entries;
  };

  // --- the document -------------------------------------------------------------------
  const value = yaml.value;
  if (value === null || value === undefined) return out; // empty file: nothing declared
  if (!isDict(value)) {
    diagnostics.push(new TxError({ code: TxCodes.PropertiesInvalid, message: 'a properties file must be a mapping (version, models, sources, …)', loc: yaml.locOf([]) }));
    return out;
  }
  const doc: Dict = value;
  guard(() => {
    const v = doc['version'];
    if (v === undefined) return;
    // dbt: optional since 1.5, but when present it must be the integer 2.
    if (v !== 2) fail(`'version' must be 2, got ${JSON.stringify(v)}`, ['version'], 'properties files use `version: 2`');
    out.version = 2;
  });
  for (const [section, rt] of Object.entries(NODE_SECTIONS)) {
    const seen = new Set<string>();
    guard(() => list(doc, section, []).forEach((entry, i) => guard(() => {
      const patch = nodePatch(rt, entry, [section, i]);
      if (seen.has(patch.name)) {
        diagnostics.push(new TxError({ code: TxCodes.DuplicateName, message: `${rt} '${patch.name}' is described twice in this file`, loc: patch.loc }));
        return;
      }
      seen.add(patch.name);
      out[section as keyof typeof NODE_SECTIONS].push(patch);
    })));
  }
  guard(() => list(doc, 'sources', []).forEach((entry, i) => guard(() => out.sources.push(source(entry, ['sources', i])))));
  out.unitTests = rawEntries('unit_tests', 'unit test');
  out.exposures = rawEntries('exposures', 'exposure');

  for (const [k, v] of Object.entries(doc)) {
    if (k in NODE_SECTIONS || ['version', 'sources', 'unit_tests', 'exposures'].includes(k)) continue;
    out.raw[k] = v;
    if (!KNOWN_TOP.has(k)) {
      diagnostics.push(new TxError({
        code: TxCodes.PropertiesInvalid, severity: 'warn', loc: yaml.locOf([k]),
        message: `unknown top-level key '${k}' in properties file; it is ignored`,
        hint: 'expected one of: version, models, sources, seeds, snapshots, analyses, macros, exposures, unit_tests, metrics, groups, semantic_models, saved_queries',
      }));
    }
  }
  return out;
}
