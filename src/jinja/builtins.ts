/**
 * The static part of dbt's Jinja context, built once per invocation: env_var, log,
 * exceptions, run_started_at, invocation_id, modules (datetime, pytz, re, itertools), plus
 * the pure core globals (return, namespace, tojson, ...). `var` and adapter-bound members
 * are built elsewhere.
 */
import { TxCodes, TxError } from '../errors/tx-error.js';
import { coreGlobals, pySet, pyZip } from './core-globals.js';
import { datetimeModule, fromDate, pytzModule } from './py-datetime-module.js';
import { PYTZ_UTC } from './py-timezone.js';
import { itertoolsModule } from './py-itertools.js';
import { reModule } from './py-re.js';
import { pyStr } from './py-repr.js';
import { argOf, isPlainObject, splitArgs } from './py-values.js';
import { toList } from './py-methods.js';

export interface BuiltinsOptions {
  invocationId: string;
  runStartedAt: Date;
  env: Readonly<Record<string, string | undefined>>;
  /** `info` true: shown at info level (log(msg, info=True) and print). */
  log: (msg: string, info: boolean) => void;
}

/** dict_a minus dict_b, values compared case-insensitively (dbt's diff_of_two_dicts). */
function diffOfTwoDicts(a: unknown, b: unknown): Record<string, unknown> {
  const lower = (x: unknown) => pyStr(x).toLowerCase();
  const bl = new Map(Object.entries(isPlainObject(b) ? b : {}).map(([k, v]) => [k.toLowerCase(), toList(v).map(lower)]));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(isPlainObject(a) ? a : {})) {
    const other = bl.get(k.toLowerCase());
    if (!other) out[k] = v;
    else {
      const diff = toList(v).filter((x) => !other.includes(lower(x)));
      if (diff.length > 0) out[k] = diff;
    }
  }
  return out;
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
      raise_fail_fast_error: (msg: unknown) => {
        throw new TxError({ code: TxCodes.CompilerError, message: `FailFast Error: ${pyStr(msg)}` });
      },
      raise_database_error: (msg: unknown) => {
        throw new TxError({ code: TxCodes.DatabaseError, message: `Database Error: ${pyStr(msg)}` });
      },
      relation_wrong_type: (relation: unknown, expected: unknown) => {
        throw new TxError({ code: TxCodes.CompilerError, message: `Trying to create ${pyStr(expected)} ${pyStr(relation)}, but it currently exists as a ${pyStr((relation as { type?: unknown } | null)?.type)}. Either drop ${pyStr(relation)} manually, or run dbt with \`--full-refresh\` and dbt will drop it for you.` });
      },
      missing_relation: (relation: unknown) => {
        throw new TxError({ code: TxCodes.CompilerError, message: `Relation ${pyStr(relation)} not found!` });
      },
    },
    set_strict: (v: unknown) => pySet(v),
    zip_strict: (...args: unknown[]) => pyZip(args),
    diff_of_two_dicts: diffOfTwoDicts,
    run_started_at: fromDate(opts.runStartedAt, PYTZ_UTC),
    invocation_id: opts.invocationId,
    modules: {
      datetime: datetimeModule(() => new Date()),
      pytz: pytzModule(),
      re: reModule(),
      itertools: itertoolsModule(),
    },
  };
}
