/**
 * A model's contract and constraints at parse time, as dbt's ModelPatchParser applies them:
 * constraints parsed into one shape, foreign keys' `to:` recorded as dependencies, the contract
 * validated (columns declared with data types, not ephemeral, primary keys declared once) and
 * its checksum computed for --state comparisons. Problems are collected, positioned at the YAML.
 */
import { createHash } from 'node:crypto';
import type { ModelNode, RefCall } from './manifest-types.js';
import type { ColumnPatch, NodePatch } from '../project/properties.js';
import type { Diagnostics } from '../errors/diagnostics.js';
import { TxCodes, type SourceLoc } from '../errors/tx-error.js';
import { parseConstraint, constraintsRepr, type ColumnConstraint, type ModelConstraint } from './constraints.js';
import { pyStr } from '../jinja/py-repr.js';

/** dbt's ModelNode.materialization_enforces_constraints. */
export function enforcesConstraints(materialized: string): boolean {
  return materialized === 'table' || materialized === 'incremental';
}

/** `contract: true` is dbt's shorthand for `{enforced: true}`. */
export function contractConfig(raw: unknown): { enforced: boolean; alias_types: boolean } {
  if (typeof raw === 'boolean') return { enforced: raw, alias_types: true };
  const c = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  return { enforced: c['enforced'] === true, alias_types: c['alias_types'] !== false };
}

/**
 * Parses constraints into the node, records foreign-key dependencies, validates an enforced
 * contract and sets contract.checksum. `patch` is the model's (or its version's) YAML entry.
 */
export function applyContract(node: ModelNode, patch: NodePatch | undefined, diagnostics: Diagnostics): void {
  const fileLoc: SourceLoc = { file: node.abs_path, line: 1, col: 1 };
  const colLocs = new Map<string, SourceLoc>((patch?.columns ?? []).map((c: ColumnPatch) => [c.name, c.loc]));
  const modelLoc = patch?.loc ?? fileLoc;

  for (const col of Object.values(node.columns)) {
    const loc = colLocs.get(col.name) ?? modelLoc;
    col.constraints = col.constraints.flatMap((raw) => diagnostics.collect(() => parseConstraint(raw, 'column', loc)) ?? []);
  }
  node.constraints = (patch?.constraints ?? []).flatMap((raw) => diagnostics.collect(() => parseConstraint(raw, 'model', modelLoc)) ?? []);
  validatePrimaryKeys(node, modelLoc, diagnostics);
  recordForeignKeys(node, colLocs, modelLoc, diagnostics);

  const contract = contractConfig(node.config.contract);
  node.contract = { enforced: contract.enforced, alias_types: contract.alias_types, checksum: null };
  // `contract: true` is written out (and read by templates) as dbt's ContractConfig.
  node.config.contract = contract;
  if (!contract.enforced) return;
  validateEnforced(node, colLocs, modelLoc, diagnostics);
  node.contract.checksum = contractChecksum(node);
}

function columnConstraints(node: ModelNode): ColumnConstraint[] {
  return Object.values(node.columns).flatMap((c) => c.constraints as ColumnConstraint[]);
}

function validateEnforced(node: ModelNode, colLocs: Map<string, SourceLoc>, modelLoc: SourceLoc, diagnostics: Diagnostics): void {
  const mat = node.config.materialized;
  const where = `model '${node.name}' (${node.original_file_path})`;
  if (mat === 'ephemeral') {
    diagnostics.add({
      code: TxCodes.ContractInvalid, loc: modelLoc,
      message: `${where} enforces a contract, but ephemeral models cannot have contracts: they are never built, so there is nothing to check`,
      hint: "materialize it as a table, view or incremental model, or set contract: {enforced: false}",
    });
    return;
  }
  const columns = Object.values(node.columns);
  if (columns.length === 0) {
    diagnostics.add({
      code: TxCodes.ContractInvalid, loc: modelLoc,
      message: `This model has an enforced contract, and its 'columns' specification is missing: ${where}`,
      hint: 'declare every column with its name and data_type in a properties file (e.g. models/schema.yml)',
    });
    return;
  }
  const untyped = columns.filter((c) => c.data_type === null || c.data_type.trim() === '');
  if (untyped.length > 0) {
    diagnostics.add({
      code: TxCodes.ContractInvalid, loc: colLocs.get(untyped[0]!.name) ?? modelLoc,
      message: `Contracted models require data_type to be defined for each column. Please ensure that the column name and data_type are defined within the YAML configuration for the [${untyped.map((c) => `'${c.name}'`).join(', ')}] column(s). (${where})`,
      hint: 'add `data_type:` to each column of the contract',
    });
  }
  const naked = columns.filter((c) => c.data_type !== null && ['numeric', 'decimal', 'number'].includes(c.data_type.trim().toLowerCase()));
  if (naked.length > 0) {
    diagnostics.add({
      code: TxCodes.ContractInvalid, severity: 'warn', loc: colLocs.get(naked[0]!.name) ?? modelLoc,
      message: `Detected columns with numeric type and unspecified precision/scale, this can lead to unintended rounding: [${naked.map((c) => `'${c.name}'`).join(', ')}]\` (${where})`,
      hint: 'give the precision and scale, e.g. numeric(18,2)',
    });
  }
  const declared = [...columnConstraints(node), ...(node.constraints as ModelConstraint[])];
  if (declared.some((c) => c.warn_unsupported) && !enforcesConstraints(mat)) {
    diagnostics.add({
      code: TxCodes.ConstraintNotEnforced, severity: 'warn', loc: modelLoc,
      message: `Constraint types are not supported for ${mat} materializations and will be ignored.  Set 'warn_unsupported: false' on this constraint to ignore this warning. (${where})`,
    });
  }
}

/** dbt's _validate_pk_constraints: one primary key, at the column or the model level. */
function validatePrimaryKeys(node: ModelNode, modelLoc: SourceLoc, diagnostics: Diagnostics): void {
  const pkCols = Object.values(node.columns).filter((c) => (c.constraints as ColumnConstraint[]).some((x) => x.type === 'primary_key')).map((c) => c.name);
  const errors: string[] = [];
  if (pkCols.length > 1) {
    errors.push(`Found ${pkCols.length} columns ([${pkCols.map((c) => `'${c}'`).join(', ')}]) with primary key constraints defined. Primary keys for multiple columns must be defined as a model level constraint.`);
  }
  if (pkCols.length > 0 && (node.constraints as ModelConstraint[]).some((c) => c.type === 'primary_key')) {
    errors.push('Primary key constraints defined at the model level and the columns level. Primary keys can be defined at the model level or the column level, not both.');
  }
  if (errors.length > 0) {
    diagnostics.add({ code: TxCodes.ContractInvalid, loc: modelLoc, message: `Primary key constraint error: (${node.original_file_path})\n${errors.join('\n')}` });
  }
}

const QUOTED = `(['"])([^'"]*)\\`;
const REF_TO = new RegExp(`^ref\\(\\s*${QUOTED}1\\s*(?:,\\s*${QUOTED}3\\s*)?(?:,\\s*(?:v|version)\\s*=\\s*(?:${QUOTED}5|([0-9.]+))\\s*)?\\)$`);
const SOURCE_TO = new RegExp(`^source\\(\\s*${QUOTED}1\\s*,\\s*${QUOTED}3\\s*\\)$`);

/** dbt's statically_parse_ref_or_source for a foreign key's `to:`. */
export function parseForeignKeyTo(to: string): RefCall | [string, string] | null {
  const text = to.trim().replace(/^\{\{\s*([\s\S]*?)\s*\}\}$/, '$1');
  const ref = REF_TO.exec(text);
  if (ref) {
    const version = ref[6] ?? (ref[7] === undefined ? null : Number(ref[7]));
    return ref[4] === undefined ? { name: ref[2]!, package: null, version } : { name: ref[4], package: ref[2]!, version };
  }
  const src = SOURCE_TO.exec(text);
  return src ? [src[2]!, src[4]!] : null;
}

/** A foreign key's `to:` makes the referenced model a parent, so it is built first. */
function recordForeignKeys(node: ModelNode, colLocs: Map<string, SourceLoc>, modelLoc: SourceLoc, diagnostics: Diagnostics): void {
  const found: { to: string; loc: SourceLoc }[] = [];
  for (const col of Object.values(node.columns)) {
    for (const c of col.constraints as ColumnConstraint[]) if (c.type === 'foreign_key' && c.to) found.push({ to: c.to, loc: colLocs.get(col.name) ?? modelLoc });
  }
  for (const c of node.constraints as ModelConstraint[]) if (c.type === 'foreign_key' && c.to) found.push({ to: c.to, loc: modelLoc });
  if (found.length === 0) return;
  const refLocs = [...node.ref_locs];
  const sourceLocs = [...node.source_locs];
  for (const { to, loc } of found) {
    const parsed = parseForeignKeyTo(to);
    if (parsed === null) {
      diagnostics.add({
        code: TxCodes.ContractInvalid, loc,
        message: `Invalid 'ref' or 'source' syntax on foreign key constraint 'to' on model ${node.name}: ${to}.`,
        hint: "write to: ref('model_name') or to: source('source_name', 'table_name')",
      });
    } else if (Array.isArray(parsed)) {
      node.sources.push(parsed);
      sourceLocs.push(loc);
    } else {
      node.refs.push(parsed);
      refLocs.push(loc);
    }
  }
  node.ref_locs = refLocs;
  node.source_locs = sourceLocs;
}

/** dbt's ModelNode.build_contract_checksum, byte for byte (Python str() of the parsed values). */
export function contractChecksum(node: ModelNode): string {
  let state = '';
  for (const col of Object.values(node.columns).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    state += `|${col.name}`;
    state += pyStr(col.data_type);
    state += constraintsRepr(col.constraints as ColumnConstraint[], 'column');
  }
  if (enforcesConstraints(node.config.materialized)) {
    state += node.config.materialized;
    state += constraintsRepr(node.constraints as ModelConstraint[], 'model');
  }
  return createHash('sha256').update(state, 'utf8').digest('hex');
}
