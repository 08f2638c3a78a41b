/**
 * Unit tests joined to the parsed manifest, as dbt's process_models_for_unit_test does: the
 * tested model is looked up (a disabled model disables its tests); a versioned model gets one
 * unit test per version (`unit_test.<pkg>.<model>.<name>_v<N>`, each depending on its
 * version) honouring `versions: {include, exclude}`; and a seed input written without rows
 * takes the seed's CSV rows (dbt's _load_rows_from_seed).
 */
import { readFileSync } from 'node:fs';
import type { Manifest, ManifestNode, ModelNode, RefCall, UnitTestNode } from './manifest-types.js';
import type { ParseContext } from './parse-context.js';
import { lookupRef, type RefIndex } from './resolve-refs.js';
import { parseRefArgs } from '../context/ref-args.js';
import { seedFixtureRows } from '../materialize/unit-test.js';
import { TxCodes, TxError } from '../errors/tx-error.js';

export function attachUnitTests(ctx: ParseContext, manifest: Manifest, refIndex: RefIndex, tests: UnitTestNode[]): void {
  for (const u of tests) {
    if (u.config.enabled === false) continue;
    const model = lookupRef(refIndex, { name: u.model, package: null, version: null }, ctx.project.name);
    if (!model || model.resource_type !== 'model') {
      if (isDisabledModel(manifest, u.model)) continue; // dbt disables the unit tests of a disabled model
      ctx.diagnostics.add({ code: TxCodes.RefNotFound, message: `unit test '${u.name}' tests model '${u.model}', which was not found`, loc: u.loc, hint: 'set `model:` to the name of a model in this project' });
      continue;
    }
    const expanded = ctx.diagnostics.collect(() => {
      fillSeedInputs(ctx, u, refIndex);
      return perVersion(u, model, refIndex.byName.get(model.name) ?? []);
    });
    for (const t of expanded ?? []) manifest.unit_tests[t.unique_id] = t;
  }
}

function isDisabledModel(manifest: Manifest, name: string): boolean {
  return Object.values(manifest.disabled).flat().some((n) => n.resource_type === 'model' && n.name === name);
}

const sameVersion = (a: string | number | null, b: string | number) => a !== null && String(a) === String(b);

/**
 * The unit test itself for an unversioned model; one copy per selected version otherwise.
 * `sameName`: the nodes named like the model (RefIndex.byName), among which its versions are.
 */
export function perVersion(u: UnitTestNode, model: ModelNode, sameName: readonly ManifestNode[]): UnitTestNode[] {
  const fail = (message: string): never => {
    throw new TxError({ code: TxCodes.UnitTestInvalid, message, loc: u.loc });
  };
  const hasFilter = u.versions !== null && (u.versions.include !== null || u.versions.exclude !== null);
  if (model.version === null) {
    if (hasFilter) fail(`Unit test '${u.name}' should not have a versions include or exclude when referencing non-versioned model '${model.name}'`);
    return [{ ...u, depends_on: { ...u.depends_on, nodes: [model.unique_id] } }];
  }
  const versions = sameName
    .filter((n): n is ModelNode => n.resource_type === 'model' && n.name === model.name && n.package_name === model.package_name && n.version !== null)
    .sort((a, b) => a.unique_id.localeCompare(b.unique_id));
  // dbt: no `versions:` tests every version; `exclude` wins over `include` when both are set.
  const chosen = u.versions === null
    ? versions
    : u.versions.exclude
      ? versions.filter((v) => !u.versions!.exclude!.some((x) => sameVersion(v.version, x)))
      : u.versions.include
        ? versions.filter((v) => u.versions!.include!.some((x) => sameVersion(v.version, x)))
        : [];
  if (chosen.length === 0) fail(`Unit test '${u.name}' referenced a version of '${model.name}' which was not found.`);
  return chosen.map((v) => ({
    ...u,
    unique_id: `${u.unique_id}_v${String(v.version)}`,
    version: v.version,
    depends_on: { ...u.depends_on, nodes: [v.unique_id] },
  }));
}

/** dbt reads a seed input written without rows from the seed's file; any other input needs rows. */
function fillSeedInputs(ctx: ParseContext, u: UnitTestNode, refIndex: RefIndex): void {
  for (const g of u.given) {
    if (g.rows !== null || g.format !== 'dict' || g.input === undefined) continue;
    const call = refCall(ctx, g.input, u);
    const seed = call ? lookupRef(refIndex, call, u.package_name) : undefined;
    if (!seed || seed.resource_type !== 'seed') {
      const pkg = call?.package ?? u.package_name;
      throw new TxError({
        code: TxCodes.UnitTestInvalid,
        message: `Unable to find seed '${pkg}.${call?.name ?? g.input}' for unit tests in directories: ${pyList(ctx.project.seedPaths)}`,
        loc: u.loc,
        hint: `give the rows of input ${g.input} (rows: [...], or rows: [] for none); only a seed input may leave them out`,
      });
    }
    g.rows = seedRows(seed);
  }
}

export function seedRows(seed: ManifestNode): Record<string, unknown>[] {
  return seedFixtureRows(readFileSync(seed.abs_path, 'utf8'), String(seed.config.delimiter ?? ','));
}

/** `ref('x')` / `ref('pkg', 'x')` as written in `input:`; undefined for source() and anything else. */
function refCall(ctx: ParseContext, input: string, u: UnitTestNode): RefCall | undefined {
  let call: RefCall | undefined;
  const scope = { ref: (...args: unknown[]) => ((call = parseRefArgs(args)), ''), source: () => '' };
  try {
    ctx.jinja.renderString(`{{ ${input} }}`, u.abs_path, scope, u.package_name);
  } catch {
    return undefined;
  }
  return call;
}

const pyList = (xs: readonly string[]) => `[${xs.map((x) => `'${x}'`).join(', ')}]`;
