/**
 * `tx run-operation <macro> --args '{…}'`: runs one macro against the warehouse. Its queries
 * (run_query, statement) run through the recorded-answers renderer, each exactly once and in
 * order; what the macro logs is printed. Exit 0 on success, 1 when the macro or a query fails.
 */
import type { Invocation } from '../invocation.js';
import type { CommonOptions } from './options.js';
import { openSession, parseSession } from './session.js';
import { foundCounts } from './found.js';
import { introspectionScope } from '../context/introspection.js';
import { makeVarFunction } from '../context/var-function.js';
import { parseCliVars } from '../project/vars.js';
import { Relation } from '../adapter/relation.js';
import { renderWithAnswers } from '../run/introspect.js';
import { TxError, TxCodes, isTxError } from '../errors/tx-error.js';

export interface RunOperationOptions extends CommonOptions {
  macro: string;
  /** YAML or JSON mapping of keyword arguments. */
  args?: string | undefined;
}

export async function runOperationCommand(inv: Invocation, opts: RunOperationOptions): Promise<number> {
  const s = await openSession(inv, opts);
  const p = parseSession(s);
  inv.reporter.emit({ type: 'found', counts: foundCounts(p.manifest) });
  const [pkg, name] = opts.macro.includes('.') ? (opts.macro.split('.', 2) as [string, string]) : [undefined, opts.macro];
  const fn = pkg ? s.jinja.packageNamespace(pkg)[name] : s.jinja.resolveMacro(name, s.project.name);
  if (typeof fn !== 'function') {
    throw new TxError({
      code: TxCodes.UnknownMacro,
      message: `run-operation: no macro named '${opts.macro}'`,
      hint: 'give a macro defined in macros/ (or package.macro for a package macro)',
    });
  }
  const kwargs = opts.args ? parseCliVars(opts.args) : {};
  const pool = await s.adapter.connect(s.credentials, { projectDir: s.project.rootDir, threads: 1 });
  try {
    const conn = await pool.acquire();
    try {
      // log() output of a render that still had unanswered questions is dropped: only the
      // final render (with real answers) prints, once.
      let logs: unknown[][] = [];
      const baseLog = s.baseScope['log'] as (...a: unknown[]) => unknown;
      await renderWithAnswers((recorder) => {
        logs = [];
        const scope: Record<string, unknown> = {
          log: (...a: unknown[]) => (logs.push(a), ''),
          ...introspectionScope({
            recorder,
            baseAdapter: (s.baseScope['adapter'] ?? {}) as Record<string, unknown>,
            relation: (info) => Relation.create(s.dialect, info, info.type, s.project.quoting as Record<string, boolean>),
            adapterType: s.dialect.name,
            print: (text) => void logs.push([text, true]),
          }),
          execute: true,
          var: makeVarFunction(s.varsFor(s.project.name), () => ({ file: 'run-operation', line: 0, col: 0 })),
        };
        return s.jinja.callMacro(fn as (...a: unknown[]) => unknown, [], kwargs, scope);
      }, conn, inv.signal);
      for (const a of logs) baseLog(...a);
    } finally {
      pool.release(conn);
    }
  } catch (e) {
    inv.reporter.emit({ type: 'info', message: `Encountered an error while running operation: ${isTxError(e) || e instanceof Error ? e.message : String(e)}` });
    return 1;
  } finally {
    await pool.close();
  }
  return 0;
}
