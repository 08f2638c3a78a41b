/**
 * dbt's `flags` context member (the uppercase global flags of the invocation) and
 * `invocation_args_dict` (the same, lowercase, as dbt records them in run_results.json).
 */
import { join } from 'node:path';
import type { Invocation } from '../invocation.js';
import type { CommonOptions } from '../api/options.js';

export interface FlagInputs {
  inv: Invocation;
  opts: CommonOptions;
  projectDir: string;
  profilesDir: string | null;
  targetPath: string;
}

export function flagsObject({ inv, opts, projectDir, profilesDir, targetPath }: FlagInputs): Record<string, unknown> {
  return {
    WHICH: opts.which ?? inv.command ?? 'run',
    FULL_REFRESH: opts.fullRefresh === true,
    STORE_FAILURES: opts.storeFailures === true,
    FAIL_FAST: opts.failFast === true,
    WARN_ERROR: opts.warnError === true,
    WARN_ERROR_OPTIONS: null,
    DEBUG: inv.debug,
    QUIET: inv.quiet === true,
    USE_COLORS: inv.useColors === true,
    INTROSPECT: true,
    LOG_PATH: join(projectDir, 'logs'),
    LOG_FORMAT: 'default',
    TARGET_PATH: opts.targetPath ?? targetPath,
    PROFILES_DIR: profilesDir,
    PROJECT_DIR: projectDir,
    STATE: opts.state ?? null,
    INDIRECT_SELECTION: opts.indirectSelection ?? 'eager',
    EMPTY: false,
    PARTIAL_PARSE: true,
    STATIC_PARSER: true,
    USE_EXPERIMENTAL_PARSER: false,
    SEND_ANONYMOUS_USAGE_STATS: false,
    PRINTER_WIDTH: 80,
    WRITE_JSON: true,
    VERSION_CHECK: true,
    CACHE_SELECTED_ONLY: false,
    THREADS: opts.threads ?? null,
    EVENT_TIME_START: opts.eventTimeStart ?? null,
    EVENT_TIME_END: opts.eventTimeEnd ?? null,
  };
}

/** dbt's invocation_args_dict: the invocation's arguments by lowercase name. */
export function invocationArgs(flags: Record<string, unknown>, opts: CommonOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(flags)) out[k.toLowerCase()] = v;
  out['select'] = opts.select ?? [];
  out['exclude'] = opts.exclude ?? [];
  out['vars'] = opts.vars ?? '{}';
  out['invocation_command'] = `dbt ${String(flags['WHICH'])}`;
  return out;
}
