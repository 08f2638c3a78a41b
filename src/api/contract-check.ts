/**
 * Model contracts in the run phase. The check runs per node, right before its plan is built and
 * executed, as dbt checks in the materialization: the query can only be described once the
 * relations it reads exist, which on a first run means after its parents are built. Describing
 * computes no rows and nothing is created when the check fails.
 */
import type { ModelNode, ManifestNode } from '../parse/manifest-types.js';
import type { RunnerDeps } from './node-runner.js';
import type { MacroScopeOptions } from './plan-node.js';
import type { WarehouseColumn } from '../adapter/types.js';
import type { ModelConstraint } from '../parse/constraints.js';
import { withConnection } from '../run/node-executor.js';
import { incrementalMode } from '../materialize/incremental.js';
import { compareContract, contractErrorMessage, declaredColumns, emptySchemaSql, type DeclaredColumn } from '../materialize/contract.js';
import { renderColumnsWithConstraints, renderModelConstraints, type RenderEnv } from '../materialize/constraints-ddl.js';
import { parseForeignKeyTo } from '../parse/contracts.js';
import { sourceRelation } from '../parse/node-relation.js';
import { splitArgs } from '../context/call-args.js';
import { TxError, TxCodes, isTxError } from '../errors/tx-error.js';

const CHECKED = new Set(['table', 'view', 'incremental']);

export function hasEnforcedContract(node: ManifestNode): node is ModelNode {
  return node.resource_type === 'model' && node.contract.enforced && CHECKED.has(node.config.materialized);
}

/** The SQL the build will run: an incremental run uses the is_incremental() rendering. */
function checkedSql(d: RunnerDeps, node: ModelNode): string {
  const sql = d.sqlOf(node.unique_id);
  if (node.config.materialized !== 'incremental') return sql;
  const existing = d.state.lookup(d.compiler.relationFor(node).toRef());
  const mode = incrementalMode(node.config, existing, d.s.opts.fullRefresh === true);
  return mode === 'incremental' ? (d.compiledOf?.(node.unique_id)?.incremental?.sql ?? sql) : sql;
}

/** Fails (dbt's ContractError, with every mismatch) when the query's columns differ from the contract. */
export async function checkContract(d: RunnerDeps, node: ModelNode, signal: AbortSignal): Promise<void> {
  const declared = declaredColumns(node.columns, node.contract.alias_types);
  const sql = checkedSql(d, node);
  const { actual, described } = await withConnection(d.pool, signal, async (conn) => ({
    actual: await conn.describeQuery(sql),
    described: await describeDeclared(d, node, declared, (q) => conn.describeQuery(q)),
  }));
  const mismatches = compareContract(d.s.dialect, declared, actual, described);
  if (mismatches.length === 0) return;
  const body = contractErrorMessage(mismatches).split('\n').map((l) => `  ${l}`).join('\n');
  throw new TxError({
    code: TxCodes.ContractMismatch,
    message: `Compilation Error in model ${node.name} (${node.original_file_path})\n${body}`,
    loc: { file: node.abs_path, line: 0, col: 0 },
    hint: 'change the model or its contract so the names, types and number of columns agree',
  });
}

/** The contract's types as the warehouse spells them; a type it does not know is named with its column. */
async function describeDeclared(d: RunnerDeps, node: ModelNode, declared: DeclaredColumn[], describe: (sql: string) => Promise<WarehouseColumn[]>): Promise<WarehouseColumn[]> {
  try {
    return await describe(emptySchemaSql(d.s.dialect, declared));
  } catch (e) {
    if (isTxError(e) && e.code === TxCodes.Cancelled) throw e;
    for (const c of declared) {
      try {
        await describe(emptySchemaSql(d.s.dialect, [c]));
      } catch (inner) {
        throw new TxError({
          code: TxCodes.ContractInvalid,
          message: `Compilation Error in model ${node.name} (${node.original_file_path})\n  data_type '${c.data_type}' of column '${c.name}' is not a type ${d.s.dialect.name} knows: ${inner instanceof Error ? inner.message : String(inner)}`,
          loc: { file: node.abs_path, line: 0, col: 0 },
          cause: inner,
        });
      }
    }
    throw e;
  }
}

/**
 * What a contracted model's DDL templates see: `model` with alias_types applied to its columns
 * (dbt's ctx_model), and dbt's adapter methods that render columns and constraints.
 */
export function contractMacroScope(d: RunnerDeps, node: ModelNode): MacroScopeOptions {
  const columns: Record<string, unknown> = {};
  for (const c of declaredColumns(node.columns, node.contract.alias_types)) columns[c.name] = { ...node.columns[c.name], data_type: c.data_type };
  const seen = new Set<string>();
  const env: RenderEnv = {
    dialect: d.s.dialect,
    resolveTo: (to) => resolveForeignKey(d, node, to),
    warn: (message) => {
      if (seen.has(message)) return;
      seen.add(message);
      d.s.inv.reporter.emit({ type: 'diagnostic', error: new TxError({ code: TxCodes.ConstraintNotEnforced, severity: 'warn', message: `${message} (model ${node.name})`, loc: { file: node.abs_path, line: 0, col: 0 } }) });
    },
  };
  const caps = d.s.dialect.capabilities;
  const baseAdapter = (d.s.baseScope['adapter'] ?? {}) as Record<string, unknown>;
  const kw = (raw: unknown[], key: string): unknown => {
    const { args, kwargs } = splitArgs(raw);
    return kwargs[key] ?? args[0];
  };
  return {
    model: { ...node, columns },
    extra: {
      adapter: {
        ...baseAdapter,
        render_raw_columns_constraints: (...raw: unknown[]) => renderColumnsWithConstraints(Object.values((kw(raw, 'raw_columns') ?? {}) as Record<string, never>), caps, env),
        render_raw_model_constraints: (...raw: unknown[]) => renderModelConstraints((kw(raw, 'raw_constraints') ?? []) as ModelConstraint[], caps, env),
      },
    },
  };
}

/** dbt compiles a foreign key's `to:` into the relation it names. */
function resolveForeignKey(d: RunnerDeps, node: ModelNode, to: string): string {
  const parsed = parseForeignKeyTo(to);
  if (Array.isArray(parsed)) {
    const id = d.compiler.sourceId(parsed[0], parsed[1]);
    const src = id === undefined ? undefined : d.p.manifest.sources[id];
    if (src) return sourceRelation(d.s.dialect, d.s.project.quoting, src).render();
  } else if (parsed) {
    const target = d.compiler.lookupRef(parsed, node.package_name);
    if (target) return d.compiler.relationFor(target).render();
  }
  throw new TxError({ code: TxCodes.RefNotFound, message: `foreign key constraint of model '${node.name}' references ${to}, which was not found`, loc: { file: node.abs_path, line: 0, col: 0 } });
}
