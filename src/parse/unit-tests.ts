/**
 * `unit_tests:` entries of properties YAML → unit test nodes (dbt 1.8+). Inputs are kept as
 * written (`ref('x')`, `source('s', 't')`, `this`); fixture files are read here, once, so
 * running a unit test needs no more file access. Errors point at the YAML entry.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { ParseContext } from './parse-context.js';
import type { UnitTestFixture, UnitTestNode } from './manifest-types.js';
import type { PropertiesFile, RawEntry } from '../project/properties.js';
import { TxError, TxCodes, type SourceLoc } from '../errors/tx-error.js';
import { folderConfig, mergeConfigs } from './config-merge.js';
import { sha256 } from './checksum.js';

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict => v !== null && typeof v === 'object' && !Array.isArray(v);

export function parseUnitTests(ctx: ParseContext, files: PropertiesFile[]): UnitTestNode[] {
  const out: UnitTestNode[] = [];
  for (const file of files) {
    for (const entry of file.unitTests) {
      const node = ctx.diagnostics.collect(() => buildUnitTest(ctx, file, entry));
      if (node) out.push(node);
    }
  }
  return out;
}

function buildUnitTest(ctx: ParseContext, file: PropertiesFile, entry: RawEntry): UnitTestNode {
  const raw = entry.raw;
  const loc = entry.loc;
  const fail = (message: string, hint?: string): never => {
    throw new TxError({ code: TxCodes.UnitTestInvalid, message, loc, ...(hint ? { hint } : {}) });
  };
  const name = typeof raw['name'] === 'string' ? raw['name'] : fail('a unit test needs a `name`');
  const model = typeof raw['model'] === 'string' ? raw['model'] : fail(`unit test '${name}' needs a \`model\` (the model it tests)`);
  const givenRaw = raw['given'] ?? [];
  if (!Array.isArray(givenRaw)) fail(`'given' of unit test '${name}' must be a list of inputs`);
  const given = (givenRaw as unknown[]).map((g, i) => {
    if (!isDict(g) || typeof g['input'] !== 'string') {
      return fail(`input ${i + 1} of unit test '${name}' needs \`input: ref('…')\` or \`input: source('…', '…')\``);
    }
    return fixtureOf(ctx, g, `input ${g['input']} of unit test '${name}'`, loc, g['input']);
  });
  if (!isDict(raw['expect'])) fail(`unit test '${name}' needs an \`expect:\` with the rows the model must return`);
  const expect = fixtureOf(ctx, raw['expect'] as Dict, `expect of unit test '${name}'`, loc);
  const overrides = raw['overrides'];
  if (overrides !== undefined && overrides !== null && !isDict(overrides)) fail(`overrides of unit test '${name}' must be a mapping`);
  const ov = isDict(overrides)
    ? { macros: dictOr(overrides['macros']), vars: dictOr(overrides['vars']), env_vars: dictOr(overrides['env_vars']) }
    : null;
  const pkg = ctx.project.name;
  const yamlDirs = posix.dirname(file.file).split('/').slice(1);
  const fqn = [pkg, ...yamlDirs, model, name];
  const ownConfig = isDict(raw['config']) ? raw['config'] : {};
  const versions = versionsOf(raw['versions'], name, fail);
  const config = mergeConfigs({ enabled: true, tags: [], meta: {} }, folderConfig(ctx.project.unitTests, pkg, fqn), ownConfig) as UnitTestNode['config'];
  config.tags = (Array.isArray(config.tags) ? config.tags : [config.tags]).filter((t): t is string => typeof t === 'string');
  return {
    unique_id: `unit_test.${pkg}.${model}.${name}`,
    resource_type: 'unit_test',
    package_name: pkg,
    name,
    model,
    version: null,
    versions,
    given,
    expect,
    overrides: ov,
    description: typeof raw['description'] === 'string' ? raw['description'] : '',
    path: file.file.split('/').slice(1).join('/'),
    original_file_path: file.file,
    abs_path: file.absPath,
    fqn,
    config,
    tags: config.tags,
    depends_on: { macros: [], nodes: [] },
    checksum: { name: 'sha256', checksum: sha256(JSON.stringify(raw)) },
    schema: ctx.target.schema,
    database: ctx.target.database,
    loc,
  };
}

/** `versions: {include: [...], exclude: [...]}` (dbt's UnitTestNodeVersions). */
function versionsOf(v: unknown, name: string, fail: (m: string, h?: string) => never): UnitTestNode['versions'] {
  if (v === undefined || v === null) return null;
  if (!isDict(v)) return fail(`versions of unit test '${name}' must be a mapping with include: or exclude:`);
  const list = (key: 'include' | 'exclude'): (string | number)[] | null => {
    const x = v[key];
    if (x === undefined || x === null) return null;
    const items = Array.isArray(x) ? x : [x];
    if (!items.every((i) => typeof i === 'string' || typeof i === 'number')) fail(`versions.${key} of unit test '${name}' must list model versions`, 'e.g. versions: {include: [2, 3]}');
    return items as (string | number)[];
  };
  return { include: list('include'), exclude: list('exclude') };
}

function dictOr(v: unknown): Dict {
  return isDict(v) ? v : {};
}

/** rows / format / fixture of one input or of expect; fixture files come from <test-path>/fixtures/. */
function fixtureOf(ctx: ParseContext, d: Dict, what: string, loc: SourceLoc, input?: string): UnitTestFixture {
  const format = d['format'] ?? 'dict';
  if (format !== 'dict' && format !== 'csv' && format !== 'sql') {
    throw new TxError({ code: TxCodes.UnitTestInvalid, message: `${what}: format must be dict, csv or sql, got '${String(format)}'`, loc });
  }
  let rows: unknown = d['rows'] ?? null;
  const fixture = typeof d['fixture'] === 'string' ? d['fixture'] : null;
  if (fixture !== null) {
    if (format === 'dict') throw new TxError({ code: TxCodes.UnitTestInvalid, message: `${what}: a fixture file needs format: csv or sql`, loc });
    rows = readFixture(ctx, fixture, format, what, loc);
  }
  if (format === 'dict' && rows !== null && !(Array.isArray(rows) && rows.every(isDict))) {
    throw new TxError({ code: TxCodes.UnitTestInvalid, message: `${what}: rows must be a list of mappings (column: value)`, loc, hint: 'or write them as CSV text with format: csv' });
  }
  if ((format === 'csv' || format === 'sql') && rows !== null && typeof rows !== 'string') {
    throw new TxError({ code: TxCodes.UnitTestInvalid, message: `${what}: with format: ${format}, rows must be text`, loc });
  }
  // A dict input without rows or fixture stands for a seed's own rows (read once the manifest is parsed).
  const seedRows = format === 'dict' && rows === null && fixture === null && input !== undefined;
  return { ...(input !== undefined ? { input } : {}), format, rows: seedRows ? null : (rows ?? (format === 'dict' ? [] : '')), fixture };
}

function readFixture(ctx: ParseContext, name: string, format: 'csv' | 'sql', what: string, loc: SourceLoc): string {
  for (const dir of ctx.project.testPaths) {
    const path = join(ctx.project.rootDir, dir, 'fixtures', `${name}.${format}`);
    if (existsSync(path)) return readFileSync(path, 'utf8');
  }
  throw new TxError({
    code: TxCodes.UnitTestInvalid,
    message: `${what}: fixture '${name}' not found`,
    loc,
    hint: `put it in ${ctx.project.testPaths[0] ?? 'tests'}/fixtures/${name}.${format}`,
  });
}
