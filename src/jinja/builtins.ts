/**
 * The static part of dbt's Jinja context, built once per invocation: env_var, log,
 * exceptions, run_started_at, invocation_id, modules (datetime, pytz, re, itertools), plus
 * the pure core globals (return, namespace, tojson, ...). `var` and adapter-bound members
 * are built elsewhere.
 */
import { TxCodes, TxError } from '../errors/tx-error.js';
import { coreGlobals } from './core-globals.js';
import { datetimeModule, fromDate, pytzModule, UTC } from './py-datetime.js';
import { toList } from './py-methods.js';
import { reModule } from './py-re.js';
import { argOf, pyStr, splitArgs } from './py-values.js';

export interface BuiltinsOptions {
  invocationId: string;
  runStartedAt: Date;
  env: Readonly<Record<string, string | undefined>>;
  /** `info` true: shown at info level (log(msg, info=True) and print). */
  log: (msg: string, info: boolean) => void;
}

function itertoolsModule(): Record<string, unknown> {
  const product = (...lists: unknown[]): unknown[][] =>
    lists.map(toList).reduce<unknown[][]>((acc, l) => acc.flatMap((p) => l.map((x) => [...p, x])), [[]]);
  return {
    product,
    chain: (...lists: unknown[]) => lists.flatMap(toList),
    combinations: (l: unknown, r: unknown) => {
      const items = toList(l);
      const out: unknown[][] = [];
      const rec = (start: number, cur: unknown[]) => {
        if (cur.length === Number(r)) return void out.push(cur);
        for (let i = start; i < items.length; i++) rec(i + 1, [...cur, items[i]]);
      };
      rec(0, []);
      return out;
    },
  };
}

export function createBuiltins(opts: BuiltinsOptions): Record<string, unknown> {
  const log = (...args: unknown[]) => {
    const a = splitArgs(args);
    opts.log(pyStr(a.pos[0]), argOf(a, 1, 'info', false) === true);
    return '';
  };
  return {
    ...coreGlobals(),
    env_var: (name: unknown, dflt?: unknown) => {
      const key = pyStr(name);
      const v = opts.env[key];
      if (v !== undefined) return v;
      if (dflt !== undefined) return dflt;
      throw new TxError({ code: TxCodes.MissingEnvVar, message: `Env var required but not provided: '${key}'` });
    },
    log,
    print: (msg: unknown) => {
      opts.log(pyStr(msg), true);
      return '';
    },
    exceptions: {
      raise_compiler_error: (msg: unknown) => {
        throw new TxError({ code: TxCodes.CompilerError, message: pyStr(msg) });
      },
      warn: (msg: unknown) => {
        opts.log(`[WARNING]: ${pyStr(msg)}`, true);
        return '';
      },
      raise_not_implemented: (msg: unknown) => {
        throw new TxError({ code: TxCodes.CompilerError, message: `ERROR: ${pyStr(msg)}` });
      },
    },
    run_started_at: fromDate(opts.runStartedAt, UTC),
    invocation_id: opts.invocationId,
    modules: {
      datetime: datetimeModule(() => new Date()),
      pytz: pytzModule,
      re: reModule(),
      itertools: itertoolsModule(),
    },
  };
}
