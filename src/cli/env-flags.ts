/**
 * dbt's flags that environment variables set (each click option's `envvar`): DBT_<FLAG>, or
 * DBT_ENGINE_<FLAG> as dbt 1.11 spells them (that one wins when both are set). The command
 * line wins over both. Values are read as click reads them: booleans from 1/true/t/yes/y/on
 * and 0/false/f/no/n/off, lists split on whitespace, empty values ignored. dbt has no
 * environment variable for --threads (nor does tx). DBT_PROFILES_DIR, DBT_TARGET and
 * DBT_TARGET_PATH are read where they are resolved (profiles.ts, session.ts).
 */
import { TxCodes, TxError } from '../errors/tx-error.js';
import { INDIRECT_SELECTION_MODES } from '../select/spec.js';

type Kind = 'bool' | 'string' | 'list' | { choices: readonly string[] } | { listOf: readonly string[] };

export const EXCLUDABLE_RESOURCE_TYPES = [
  'metric', 'semantic_model', 'saved_query', 'source', 'analysis', 'model', 'test', 'unit_test', 'exposure', 'snapshot', 'seed', 'default',
] as const;

/** CLI option → (environment variable suffix, how to read it). */
const ENV_FLAGS: Record<string, [string, Kind]> = {
  'fail-fast': ['FAIL_FAST', 'bool'],
  'full-refresh': ['FULL_REFRESH', 'bool'],
  'store-failures': ['STORE_FAILURES', 'bool'],
  'warn-error': ['WARN_ERROR', 'bool'],
  'warn-error-options': ['WARN_ERROR_OPTIONS', 'string'],
  'indirect-selection': ['INDIRECT_SELECTION', { choices: [...INDIRECT_SELECTION_MODES] }],
  'resource-type': ['RESOURCE_TYPES', 'list'],
  'exclude-resource-type': ['EXCLUDE_RESOURCE_TYPES', { listOf: EXCLUDABLE_RESOURCE_TYPES }],
  'project-dir': ['PROJECT_DIR', 'string'],
  profile: ['PROFILE', 'string'],
  state: ['STATE', 'string'],
  defer: ['DEFER', 'bool'],
  'favor-state': ['FAVOR_STATE', 'bool'],
  'defer-state': ['DEFER_STATE', 'string'],
  'event-time-start': ['EVENT_TIME_START', 'string'],
  'event-time-end': ['EVENT_TIME_END', 'string'],
  'log-format': ['LOG_FORMAT', { choices: ['text', 'json', 'default', 'github'] }],
  quiet: ['QUIET', 'bool'],
  debug: ['DEBUG', 'bool'],
};

const TRUE = ['1', 'true', 't', 'yes', 'y', 'on'];
const FALSE = ['0', 'false', 'f', 'no', 'n', 'off'];

function read(flag: string, envName: string, raw: string, kind: Kind): unknown {
  const bad = (what: string): never => {
    throw new TxError({ code: TxCodes.Usage, message: `Invalid value for '--${flag}' (from ${envName}): '${raw}' is not ${what}` });
  };
  const text = raw.trim();
  if (kind === 'bool') {
    const t = text.toLowerCase();
    return TRUE.includes(t) ? true : FALSE.includes(t) ? false : bad('a valid boolean');
  }
  if (kind === 'string') return text;
  const items = text.split(/\s+/).filter(Boolean);
  if (kind === 'list') return items;
  if ('choices' in kind) {
    const t = text.toLowerCase();
    return kind.choices.includes(t) ? t : bad(`one of ${kind.choices.join(', ')}`);
  }
  const lower = items.map((i) => i.toLowerCase());
  for (const i of lower) if (!kind.listOf.includes(i)) bad(`a list of ${kind.listOf.join(', ')}`);
  return lower;
}

/** The flags the environment sets, keyed by CLI option name; flags the command line gave are skipped. */
export function envFlags(env: Readonly<Record<string, string | undefined>>, given: (flag: string) => boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [flag, [suffix, kind]] of Object.entries(ENV_FLAGS)) {
    if (given(flag)) continue;
    for (const name of [`DBT_ENGINE_${suffix}`, `DBT_${suffix}`]) {
      const raw = env[name];
      if (raw === undefined || raw.trim() === '') continue;
      out[flag] = read(flag, name, raw, kind);
      break;
    }
  }
  return out;
}
