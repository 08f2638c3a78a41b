/**
 * Runs tx's programmatic API in this process (no child process, no CLI formatting): fast enough
 * to check dozens of selections against a real parsed fixture project.
 */
import { homedir } from 'node:os';
import type { Invocation } from '../../src/invocation.js';
import type { CommonOptions } from '../../src/api/options.js';
import { MemoryReporter } from '../../src/events/reporter.js';
import { lsCommand } from '../../src/api/commands.js';
import { parseCommand } from '../../src/api/commands.js';

export function invocation(cwd: string, env: Record<string, string | undefined> = {}): { inv: Invocation; reporter: MemoryReporter } {
  const reporter = new MemoryReporter();
  const now = new Date('2026-01-01T00:00:00Z');
  const inv: Invocation = {
    cwd, env: { ...env }, reporter, clock: { now: () => new Date() }, invocationId: '00000000-0000-0000-0000-000000000000',
    startedAt: now, signal: new AbortController().signal, debug: false,
  };
  return { inv, reporter };
}

/** unique_ids `tx ls` selects (all resource types unless given). */
export async function lsIds(cwd: string, opts: Partial<CommonOptions> = {}, env: Record<string, string | undefined> = {}): Promise<string[]> {
  const { inv, reporter } = invocation(cwd, env);
  await lsCommand(inv, { homeDir: homedir(), resourceTypes: ['all'], ...opts, output: 'json', outputKeys: ['unique_id'] });
  return reporter.events.flatMap((e) => (e.type === 'output' ? [(JSON.parse(e.text) as { unique_id: string }).unique_id] : [])).sort();
}

/** `tx parse`: writes target/manifest.json (and tx_state.json) for a later --state. */
export async function parseProject(cwd: string, opts: Partial<CommonOptions> = {}, env: Record<string, string | undefined> = {}): Promise<void> {
  const { inv } = invocation(cwd, env);
  await parseCommand(inv, { homeDir: homedir(), ...opts });
}
