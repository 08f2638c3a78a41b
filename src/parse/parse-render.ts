/**
 * The parse-time render of a model, analysis, singular test or snapshot, recording what state
 * comparison needs besides refs/sources/config: the macros the render called, the vars it read
 * (with a digest of each value), and its config() call with env_var() left unrendered, so a
 * config that reads an environment variable compares equal across environments.
 */
import { createHash } from 'node:crypto';
import type { TxTemplate } from '../jinja/tx-jinja.js';
import type { ParseContext } from './parse-context.js';
import type { CaptureRecord } from '../context/node-scope.js';

export interface ParseRender {
  record: CaptureRecord;
  scope: Record<string, unknown>;
  /** unique_ids of the macros the template calls: named in its source or called while rendering. */
  macros: string[];
  /** var() names read → digest of the value the node saw. */
  vars: Record<string, string>;
  /** The config() call's values, env_var() calls left as `{{ env_var('NAME') }}`. */
  unrenderedConfigCall: Record<string, unknown>;
}

type Fn = (...args: unknown[]) => unknown;

/** A digest of a var's value; a var the node asked for but nobody set is recorded as unset. */
export function varDigest(vars: Record<string, unknown>, name: string): string {
  const set = Object.prototype.hasOwnProperty.call(vars, name);
  return createHash('sha256').update(set ? JSON.stringify(vars[name]) ?? 'undefined' : '\u0000unset').digest('hex').slice(0, 16);
}

/**
 * Renders `template` in a capture scope from `makeScope` (called with a fresh record), with
 * var/env_var wrapped to record what they read. Errors are collected; undefined when it failed.
 */
export function renderForParse(
  ctx: ParseContext,
  template: TxTemplate,
  packageName: string,
  makeScope: (record: CaptureRecord) => Record<string, unknown>,
): ParseRender | undefined {
  const record: CaptureRecord = { refs: [], sources: [], config: {} };
  const scope = makeScope(record);
  const varsRead = new Set<string>();
  const envRead = new Set<string>();
  const baseVar = scope['var'] as Fn & { has?: unknown };
  scope['var'] = Object.assign((...args: unknown[]) => (varsRead.add(String(args[0])), baseVar(...args)), { has: baseVar.has });
  const baseEnv = ctx.jinja.globalValue('env_var') as Fn;
  scope['env_var'] = (...args: unknown[]) => (envRead.add(String(args[0])), baseEnv(...args));

  const { value, macros } = ctx.jinja.trackMacroCalls(() => ctx.diagnostics.collect(() => ctx.jinja.render(template, scope)));
  if (value === undefined) return undefined;

  const vars = ctx.varsFor(packageName);
  const digests: Record<string, string> = {};
  for (const name of [...varsRead].sort()) digests[name] = varDigest(vars, name);
  const named = ctx.jinja.macroIdsFor(ctx.jinja.calledNames(template), packageName);
  return {
    record,
    scope,
    macros: [...new Set([...named, ...macros])].sort(),
    vars: digests,
    unrenderedConfigCall: envRead.size > 0 && Object.keys(record.config).length > 0 ? unrenderedConfigCall(ctx, template, makeScope) ?? record.config : record.config,
  };
}

/** Renders once more with env_var() returning its own call as text; undefined if the template cannot render that way. */
function unrenderedConfigCall(ctx: ParseContext, template: TxTemplate, makeScope: (record: CaptureRecord) => Record<string, unknown>): Record<string, unknown> | undefined {
  const record: CaptureRecord = { refs: [], sources: [], config: {} };
  const scope = makeScope(record);
  scope['env_var'] = (name: unknown) => `{{ env_var('${String(name)}') }}`;
  try {
    ctx.jinja.render(template, scope);
    return record.config;
  } catch {
    return undefined;
  }
}
