#!/usr/bin/env node
/**
 * The tx command line: yargs → api → reporter → exit code. Thin on purpose: this is the
 * only place that reads process.env, process.cwd(), the clock and signals.
 */
import { randomUUID } from 'node:crypto';
import { homedir } from 'node:os';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import type { Argv } from 'yargs';
import type { Invocation } from '../invocation.js';
import type { CommonOptions } from '../api/options.js';
import { createCliReporter } from './reporter.js';
import { annotationRoot, withGithubAnnotations } from './format-github.js';
import { reportFailure } from './report-failure.js';
import { parseCommand, compileCommand, lsCommand } from '../api/commands.js';
import { runCommand, type ExecKind } from '../api/execute.js';
import { debugCommand, cleanCommand, initCommand } from '../api/maintenance.js';
import { runOperationCommand } from '../api/run-operation.js';
import { depsCommand } from '../api/deps.js';
import { showCommand } from '../api/show.js';
import { retryCommand } from '../api/retry.js';
import { cloneCommand } from '../api/clone.js';
import { docsGenerateCommand, docsServeCommand } from '../api/docs.js';
import { sourceFreshnessCommand } from '../api/freshness.js';
import { packageRoot } from '../util/package-root.js';
import { envFlags, EXCLUDABLE_RESOURCE_TYPES } from './env-flags.js';
import { parseWarnErrorOptions } from '../errors/warn-error.js';
import { TxError, TxCodes } from '../errors/tx-error.js';
import { INDIRECT_SELECTION_MODES } from '../select/spec.js';

const EXIT_USAGE = 2;

function version(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

type Args = Record<string, unknown>;

function list(v: unknown): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  const arr = Array.isArray(v) ? v : [v];
  const out = arr.map(String).filter((x) => x.trim() !== '');
  return out.length > 0 ? out : undefined;
}

/** --warn-error-options, which dbt does not allow beside --warn-error. */
function warnErrorOptions(a: Args): CommonOptions['warnErrorOptions'] {
  const text = a['warn-error-options'];
  if (typeof text !== 'string') return undefined;
  if (a['warn-error'] === true) {
    throw new TxError({ code: TxCodes.Usage, message: 'warn_error_options: not allowed with argument warn_error', hint: "use --warn-error-options '{\"error\": \"all\"}' alone to make every warning an error" });
  }
  return parseWarnErrorOptions(text);
}

function commonOptions(a: Args): CommonOptions {
  return {
    projectDir: a['project-dir'] as string | undefined,
    profilesDir: a['profiles-dir'] as string | undefined,
    profile: a['profile'] as string | undefined,
    target: a['target'] as string | undefined,
    vars: a['vars'] as string | undefined,
    threads: a['threads'] as number | undefined,
    targetPath: a['target-path'] as string | undefined,
    select: list(a['select'] ?? a['models']),
    exclude: list(a['exclude']),
    selector: a['selector'] as string | undefined,
    fullRefresh: a['full-refresh'] as boolean | undefined,
    failFast: a['fail-fast'] as boolean | undefined,
    resourceTypes: list(a['resource-type']),
    storeFailures: a['store-failures'] as boolean | undefined,
    indirectSelection: a['indirect-selection'] as CommonOptions['indirectSelection'],
    eventTimeStart: a['event-time-start'] as string | undefined,
    eventTimeEnd: a['event-time-end'] as string | undefined,
    state: a['state'] as string | undefined,
    defer: a['defer'] as boolean | undefined,
    favorState: a['favor-state'] as boolean | undefined,
    deferState: a['defer-state'] as string | undefined,
    warnError: a['warn-error'] === true,
    warnErrorOptions: warnErrorOptions(a),
    excludeResourceTypes: list(a['exclude-resource-type']),
    homeDir: homedir(),
  };
}

function withSelection(y: Argv): Argv {
  return y
    .option('select', { alias: ['s', 'models', 'm'], type: 'string', array: true, describe: 'Nodes to include (dbt selector syntax)' })
    .option('exclude', { type: 'string', array: true, describe: 'Nodes to exclude' })
    .option('selector', { type: 'string', describe: 'A named selector from selectors.yml' })
    .option('resource-type', { alias: 'resource-types', type: 'string', array: true, describe: 'Only these resource types' })
    .option('exclude-resource-type', { alias: 'exclude-resource-types', type: 'string', array: true, choices: [...EXCLUDABLE_RESOURCE_TYPES], describe: 'Leave out these resource types (e.g. unit_test in production)' })
    .option('indirect-selection', { choices: [...INDIRECT_SELECTION_MODES], describe: 'Which tests of selected nodes also run (default: eager)' });
}

/** dbt's deferral flags (compile, run, seed, snapshot, test, build, show). */
function withDefer(y: Argv): Argv {
  return y
    .option('defer', { type: 'boolean', describe: 'Refs to nodes not selected read the --state relations when the target lacks them' })
    .option('favor-state', { type: 'boolean', describe: 'With --defer: read the --state relations even when the target has them' })
    .option('defer-state', { type: 'string', describe: 'The state to defer to (default: --state)' });
}

function withExecution(y: Argv): Argv {
  return withDefer(withSelection(y))
    .option('threads', { type: 'number', describe: 'Parallel nodes (default: the profile\'s threads)' })
    .option('full-refresh', { type: 'boolean', describe: 'Rebuild tables and seeds from scratch' })
    .option('fail-fast', { alias: 'x', type: 'boolean', describe: 'Stop at the first failure' })
    .option('store-failures', { type: 'boolean', describe: 'Store the failing rows of every test in the audit schema' })
    .option('event-time-start', { type: 'string', describe: 'Microbatch models: first event time to process (UTC, inclusive)' })
    .option('event-time-end', { type: 'string', describe: 'Microbatch models: event time to stop at (UTC, exclusive)' });
}

/** dbt's flags.WHICH for the command yargs parsed: the last command word (`docs generate` → generate; ls → list). */
function commandName(a: Args): string {
  const words = (a['_'] as unknown[] | undefined ?? []).map(String);
  const last = words[words.length - 1] ?? '';
  return last === 'ls' ? 'list' : last;
}

/**
 * Cloud SDKs probe metadata servers when they load (Google's auth library, snowflake-sdk's
 * platform detection): tx never relies on that, so it is off unless the user turns it on.
 */
function quietCloudSdks(env: NodeJS.ProcessEnv): void {
  env['METADATA_SERVER_DETECTION'] ??= 'none';
  env['SNOWFLAKE_DISABLE_PLATFORM_DETECTION'] ??= 'true';
}

async function main(argv: string[]): Promise<number> {
  quietCloudSdks(process.env);
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);

  let exitCode = 0;
  let invocation: Invocation | undefined;
  const makeInvocation = (a: Args): Invocation => {
    const format = (a['log-format'] as string | undefined) ?? 'text';
    const clock = { now: () => new Date() };
    const invocationId = randomUUID();
    const color = process.stdout.isTTY === true && process.env['NO_COLOR'] === undefined;
    const textReporter = createCliReporter({
      out: process.stdout,
      err: process.stderr,
      format: format === 'json' ? 'json' : 'text',
      color,
      quiet: a['quiet'] === true,
      debug: a['debug'] === true,
      cwd: process.cwd(),
      clock: () => clock.now(),
      invocationId,
    });
    const reporter = format === 'github' ? withGithubAnnotations(textReporter, process.stdout, annotationRoot(process.env, process.cwd()), process.cwd()) : textReporter;
    invocation = {
      cwd: process.cwd(),
      env: process.env,
      reporter,
      clock,
      invocationId,
      startedAt: clock.now(),
      signal: controller.signal,
      debug: a['debug'] === true,
      command: commandName(a),
      quiet: a['quiet'] === true,
      useColors: color,
    };
    return invocation;
  };
  // Flags the command line leaves unset come from dbt's DBT_* environment variables.
  const withEnv = (a: Args): Args => ({ ...a, ...envFlags(process.env, (flag) => a[flag] !== undefined) });
  const run = (fn: (inv: Invocation, a: Args) => Promise<number>) => async (raw: Args) => {
    let inv: Invocation | undefined;
    try {
      const a = withEnv(raw);
      inv = makeInvocation(a);
      exitCode = await fn(inv, a);
    } catch (e) {
      // A bad DBT_* value fails before the invocation exists: report it with the command line's flags.
      exitCode = reportFailure(inv ?? makeInvocation(raw), e);
    }
  };
  const exec = (kind: ExecKind) => run((inv, a) => runCommand(inv, { ...commonOptions(a), kind }));

  const parser = yargs(argv)
    .scriptName('tx')
    .usage('$0 <command> [options]\n\nA fast, strict, drop-in compiler and runner for dbt projects.')
    .option('project-dir', { type: 'string', describe: 'Directory holding dbt_project.yml (default: the current directory or a parent)' })
    .option('profiles-dir', { type: 'string', describe: 'Directory holding profiles.yml' })
    .option('profile', { type: 'string', describe: 'Profile to use (overrides dbt_project.yml)' })
    .option('target', { alias: 't', type: 'string', describe: 'Target within the profile' })
    .option('vars', { type: 'string', describe: "Variables as YAML or JSON: --vars '{key: value}'" })
    .option('target-path', { type: 'string', describe: 'Where artifacts go (default: target-path of dbt_project.yml)' })
    .option('state', { type: 'string', describe: 'Directory of a previous manifest.json: breaking changes to enforced contracts are reported' })
    .option('log-format', { choices: ['text', 'json', 'default', 'github'], describe: 'Console log format (github: also GitHub Actions annotations)' })
    .option('warn-error', { type: 'boolean', describe: 'Treat warnings (static analysis findings, warning tests among them) as errors' })
    .option('warn-error-options', { type: 'string', describe: 'Which warnings are errors: \'{"error": "all" | [names], "warn": [names]}\' (dbt event names, e.g. LogTestResult, or TX codes)' })
    .option('debug', { alias: 'd', type: 'boolean', describe: 'Show debug logs and stack traces' })
    .option('quiet', { alias: 'q', type: 'boolean', describe: 'Only errors and the final summary' })
    .command('parse', 'Parse the project and write target/manifest.json', (y) => y, run((inv, a) => parseCommand(inv, commonOptions(a))))
    .command('compile', 'Render selected models and analyses to SQL in target/compiled (offline)', (y) => withDefer(withSelection(y)), run((inv, a) => compileCommand(inv, commonOptions(a))))
    .command('run', 'Build selected models in dependency order', (y) => withExecution(y), exec('run'))
    .command('seed', 'Load CSV seeds', (y) => withExecution(y), exec('seed'))
    .command('test', 'Run data tests and unit tests on selected nodes', (y) => withExecution(y), exec('test'))
    .command('snapshot', 'Run snapshots: record changes to mutable tables', (y) => withExecution(y), exec('snapshot'))
    .command('build', 'Seed, run, snapshot and test in one DAG order', (y) => withExecution(y), exec('build'))
    .command(['ls', 'list'], 'List selected resources', (y) =>
      withSelection(y)
        .option('output', { alias: 'o', choices: ['name', 'path', 'json', 'selector'], describe: 'Output format' })
        .option('output-keys', { type: 'string', array: true, describe: 'Keys of --output json' }),
    run((inv, a) => lsCommand(inv, { ...commonOptions(a), output: a['output'] as 'name' | undefined, outputKeys: list(a['output-keys']) })))
    .command('docs', 'Generate or serve the documentation site', (y) =>
      y
        .command('generate', 'Write manifest.json, catalog.json and the docs site (target/index.html)', (g) =>
          withSelection(g)
            .option('threads', { type: 'number', describe: 'Parallel nodes (default: the profile\'s threads)' })
            .option('compile', { type: 'boolean', default: true, describe: 'Compile the project first (--no-compile: document it as parsed)' })
            .option('empty-catalog', { type: 'boolean', describe: 'Write catalog.json without querying the warehouse' })
            .option('static', { type: 'boolean', describe: 'Accepted for dbt compatibility: the site is always one self-contained file' }),
        run((inv, a) => docsGenerateCommand(inv, { ...commonOptions(a), compile: a['compile'] as boolean | undefined, emptyCatalog: a['empty-catalog'] as boolean | undefined })))
        .command('serve', 'Serve the docs site from target/ until Ctrl-C', (g) =>
          g
            .option('port', { type: 'number', default: 8080, describe: 'Port to listen on (0: any free port)' })
            .option('host', { type: 'string', default: '127.0.0.1', describe: 'Address to bind' })
            .option('browser', { type: 'boolean', default: false, describe: 'Open the site in the default browser' }),
        run((inv, a) => docsServeCommand(inv, { ...commonOptions(a), port: a['port'] as number | undefined, host: a['host'] as string | undefined, browser: a['browser'] as boolean | undefined }, process.platform)))
        .demandCommand(1, 'Give a docs command: generate or serve'),
    () => {})
    .command('clone', 'Create the selected models, seeds and snapshots as clones (or views) of their --state relations', (y) =>
      withSelection(y)
        .option('threads', { type: 'number', describe: 'Parallel nodes (default: the profile\'s threads)' })
        .option('full-refresh', { type: 'boolean', describe: 'Replace relations that already exist in the target' })
        .option('fail-fast', { alias: 'x', type: 'boolean', describe: 'Stop at the first failure' }),
    run((inv, a) => cloneCommand(inv, commonOptions(a))))
    .command('source', 'Commands for sources: freshness', (y) =>
      y
        .command('freshness', 'Check how recently the selected sources were loaded; write sources.json', (f) =>
          f
            .option('select', { alias: ['s'], type: 'string', array: true, describe: 'Sources to check (default: every source with a freshness threshold)' })
            .option('exclude', { type: 'string', array: true, describe: 'Sources to leave out' })
            .option('selector', { type: 'string', describe: 'A named selector from selectors.yml' })
            .option('threads', { type: 'number', describe: 'Sources checked in parallel (default: the profile\'s threads)' })
            .option('output', { alias: 'o', type: 'string', describe: 'Where to write sources.json (default: <target-path>/sources.json)' }),
        run((inv, a) => sourceFreshnessCommand(inv, { ...commonOptions(a), output: a['output'] as string | undefined })))
        .demandCommand(1, 'Give a source command: freshness'),
    () => {})
    .command('retry', 'Run the previous command again on the nodes that errored, failed or were skipped', (y) =>
      y.option('state', { type: 'string', describe: 'Folder holding the run_results.json to retry (default: target/)' })
        .option('threads', { type: 'number', describe: 'Parallel nodes' }),
    run((inv, a) => retryCommand(inv, { ...commonOptions(a), state: a['state'] as string | undefined })))
    .command('show', 'Preview the rows of a node or an inline query', (y) =>
      withDefer(withSelection(y))
        .option('inline', { type: 'string', describe: 'A query to preview (ref, source and macros work)' })
        .option('limit', { type: 'number', default: 5, describe: 'Rows to show (-1: all)' })
        .option('output', { choices: ['text', 'json'], default: 'text', describe: 'Output format' }),
    run((inv, a) => showCommand(inv, { ...commonOptions(a), inline: a['inline'] as string | undefined, limit: a['limit'] as number | undefined, output: a['output'] as 'text' | 'json' | undefined })))
    .command('deps', 'Install the packages of packages.yml into dbt_packages/', (y) =>
      y.option('upgrade', { type: 'boolean', describe: 'Resolve versions again, ignoring package-lock.yml' }),
    run((inv, a) => depsCommand(inv, { ...commonOptions(a), upgrade: a['upgrade'] as boolean | undefined })))
    .command('run-operation <macro>', 'Run a macro against the warehouse', (y) =>
      y.positional('macro', { type: 'string', describe: 'macro name, or package.macro' })
        .option('args', { type: 'string', describe: "Keyword arguments as YAML or JSON: --args '{table: orders}'" }),
    run((inv, a) => runOperationCommand(inv, { ...commonOptions(a), macro: String(a['macro']), args: a['args'] as string | undefined })))
    .command('debug', 'Show the project, profile and connection status', (y) => y, run((inv, a) => debugCommand(inv, commonOptions(a))))
    .command('clean', 'Delete the clean-targets folders', (y) => y, run((inv, a) => cleanCommand(inv, commonOptions(a))))
    .command('init [name]', 'Create a new project', (y) => y.positional('name', { type: 'string' }), run((inv, a) => initCommand(inv, { ...commonOptions(a), name: a['name'] as string | undefined })))
    .demandCommand(1, 'Give a command: tx --help lists them')
    .strict()
    .version(version())
    .help()
    .alias('h', 'help')
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((msg, err) => {
      if (err) throw err;
      process.stderr.write(`error TX0901: ${msg}\n  hint: tx --help lists commands and options\n`);
      exitCode = EXIT_USAGE;
    });
  await parser.parseAsync();
  process.off('SIGINT', onSigint);
  process.off('SIGTERM', onSigint);
  void invocation;
  return exitCode;
}

main(hideBin(process.argv)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`tx: internal error: ${e instanceof Error ? (process.argv.includes('--debug') ? e.stack : e.message) : String(e)}\n`);
    process.exitCode = 2;
  },
);
