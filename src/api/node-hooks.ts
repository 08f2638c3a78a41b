/**
 * A node's pre-hooks and post-hooks, rendered when it runs in the node's own context (`this`,
 * `model`, `config`, ref/source, var, target…). A hook that reads the warehouse (run_query,
 * statement) is rendered on the node's connection right before it runs, so it sees what ran
 * before it (a post-hook reading `{{ this }}` sees the new table).
 */
import type { ManifestNode } from '../parse/manifest-types.js';
import type { RenderVariant } from '../compile/compile-project.js';
import type { HookStatement, NodeHooks } from '../materialize/hooks.js';
import type { RunnerDeps } from './node-runner.js';
import { hookConfigs, type HookConfig } from '../parse/hook-config.js';
import { renderWithAnswers } from '../run/introspect.js';
import { incrementalMode } from '../materialize/incremental.js';

export interface NodeHookOptions {
  /** `model.batch` of a microbatch batch. */
  batch?: Record<string, unknown>;
  /** What is_incremental() answers (defaults to what the node's run will be). */
  incremental?: boolean;
  /** Microbatch: pre-hooks only with the first batch, post-hooks only with the last. */
  pre?: boolean;
  post?: boolean;
}

type HookKind = 'pre-hook' | 'post-hook';

/** is_incremental() as dbt answers it for this run: an existing table, not rebuilt. */
function isIncrementalRun(d: RunnerDeps, node: ManifestNode): boolean {
  if (node.config.materialized !== 'incremental') return false;
  const existing = d.state.lookup(d.compiler.relationFor(node).toRef());
  return incrementalMode(node.config, existing, d.s.opts.fullRefresh === true) === 'incremental';
}

export function renderNodeHooks(d: RunnerDeps, node: ManifestNode, opts: NodeHookOptions = {}): NodeHooks {
  const variant: RenderVariant = { incremental: opts.incremental ?? isIncrementalRun(d, node), ...(opts.batch ? { batch: opts.batch } : {}) };
  const render = (kind: HookKind): HookStatement[] => {
    const hooks = hookConfigs(node.config[kind]);
    return hooks.flatMap((h) => renderHook(d, node, h, { kind, total: hooks.length, variant }));
  };
  return { pre: opts.pre === false ? [] : render('pre-hook'), post: opts.post === false ? [] : render('post-hook') };
}

function renderHook(d: RunnerDeps, node: ManifestNode, h: HookConfig, at: { kind: HookKind; total: number; variant: RenderVariant }): HookStatement[] {
  const where = h.transaction ? '' : at.kind === 'pre-hook' ? ', before the transaction' : ', after commit';
  const purpose = `${at.kind} ${h.index + 1} of ${at.total}${where}`;
  const first = d.compiler.renderHook(node, h.sql, at.variant);
  if (first.introspects) {
    return [{
      sql: h.sql,
      purpose: `${purpose} (rendered when it runs: it reads the warehouse)`,
      transaction: h.transaction,
      renderAtRun: (conn, signal) =>
        renderWithAnswers((recorder) => d.compiler.renderHook(node, h.sql, { ...at.variant, introspection: recorder }).rendered, conn, signal),
    }];
  }
  const sql = first.rendered.trim();
  // dbt runs nothing for a hook that renders to nothing (e.g. `{{ log(...) }}`).
  return sql === '' ? [] : [{ sql, purpose, transaction: h.transaction }];
}
