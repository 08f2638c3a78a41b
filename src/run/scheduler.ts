/**
 * DAG scheduler: runs `execute` over a set of nodes with at most `threads` in flight,
 * starting ready nodes in `priority` order, skipping descendants of blocking failures.
 * It knows nothing about warehouses; the caller's `execute` does the work.
 *
 * Mirrors dbt's GraphRunnableTask: a node is numbered ("3 of 12") when it is taken off
 * the queue, and a node downstream of a failure is taken off the queue (and numbered)
 * only once all its parents are done, exactly as dbt's GraphQueue does.
 */
import { MinHeap } from './min-heap.js';

export type OutcomeStatus = 'success' | 'error' | 'skipped' | 'pass' | 'fail' | 'warn';

export interface NodeOutcome {
  status: OutcomeStatus;
  message: string;
  /** Anything else the caller attaches (adapter response, timings, failures...). */
  [k: string]: unknown;
}

/** Why the scheduler skipped a node; set on the outcomes it synthesises. */
export type SkipReason = 'upstream' | 'fail_fast' | 'cancelled';

export interface ScheduleOptions {
  ids: string[];
  /** Parents of a node; anything outside `ids` is ignored. */
  parentsOf(id: string): string[];
  /** Deterministic order (topological, ties by id): ready nodes start in this order. */
  priority: string[];
  threads: number;
  failFast: boolean;
  signal: AbortSignal;
  execute(id: string, threadId: string, signal: AbortSignal): Promise<NodeOutcome>;
  onStart?(id: string, index: number, total: number, threadId: string): void;
  onFinish?(id: string, outcome: NodeOutcome, index: number, total: number): void;
  /** Default: status 'error' or 'fail' blocks descendants. */
  isBlocking?(outcome: NodeOutcome): boolean;
}

export interface ScheduleResult {
  outcomes: Map<string, NodeOutcome>;
  cancelled: boolean;
}

/** dbt's message for nodes skipped by --fail-fast (runnable.py). */
export const FAIL_FAST_MESSAGE = 'Skipping due to fail_fast';

/** Python's ThreadPool names its workers like this; run_results.json shows it. */
export function threadName(n: number): string {
  return `Thread-${n} (worker)`;
}

const defaultBlocking = (o: NodeOutcome): boolean => o.status === 'error' || o.status === 'fail';

function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

/**
 * Runs the schedule. Never rejects because of a node: a throwing `execute` becomes an
 * 'error' outcome. Time is O((nodes + edges) + nodes·log nodes) for the ready heap.
 */
export async function runSchedule(opts: ScheduleOptions): Promise<ScheduleResult> {
  const total = opts.ids.length;
  const isBlocking = opts.isBlocking ?? defaultBlocking;
  const threads = Math.max(1, Math.floor(opts.threads));

  // Rank by priority; ids missing from `priority` go after, in id order, so the
  // schedule stays deterministic even if the caller passes a partial order.
  const rank = new Map<string, number>();
  for (const id of opts.priority) if (!rank.has(id)) rank.set(id, rank.size);
  const idSet = new Set(opts.ids);
  for (const id of [...opts.ids].sort()) if (!rank.has(id)) rank.set(id, rank.size);

  const pending = new Map<string, number>(); // unfinished parents within ids
  const children = new Map<string, string[]>();
  for (const id of idSet) {
    let n = 0;
    for (const p of new Set(opts.parentsOf(id))) {
      if (!idSet.has(p) || p === id) continue;
      n++;
      const list = children.get(p);
      if (list) list.push(id);
      else children.set(p, [id]);
    }
    pending.set(id, n);
  }

  const outcomes = new Map<string, NodeOutcome>();
  /** Nodes that must be skipped once they become ready, with the failed ancestor. */
  const skipCause = new Map<string, string>();
  const ready = new MinHeap<string>((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
  for (const id of idSet) if (pending.get(id) === 0) ready.push(id);

  const freeThreads = new MinHeap<number>((a, b) => a - b);
  for (let i = 1; i <= threads; i++) freeThreads.push(i);
  const running = new Map<string, { controller: AbortController; index: number }>();
  let nextIndex = 1;
  // Held in an object: it is mutated from callbacks, which defeats TS narrowing.
  const state: { stop: SkipReason | null } = { stop: opts.signal.aborted ? 'cancelled' : null };
  let wake: (() => void) | null = null;

  const finish = (id: string, outcome: NodeOutcome, index: number): void => {
    outcomes.set(id, outcome);
    try {
      opts.onFinish?.(id, outcome, index, total);
    } catch {
      // A reporter bug must not wedge the run; the outcome is already recorded.
    }
  };

  /** Marks id done and releases its children; failed/skipped parents poison them. */
  const release = (id: string, blocked: boolean, cause: string): void => {
    for (const child of children.get(id) ?? []) {
      if (blocked && !skipCause.has(child)) skipCause.set(child, cause);
      const left = (pending.get(child) ?? 1) - 1;
      pending.set(child, left);
      if (left === 0) ready.push(child);
    }
  };

  const onAbort = (): void => {
    if (state.stop === null) state.stop = 'cancelled';
    for (const r of running.values()) r.controller.abort(opts.signal.reason);
    wake?.();
  };
  opts.signal.addEventListener('abort', onAbort, { once: true });

  const launch = (id: string, thread: number): void => {
    const index = nextIndex++;
    const threadId = threadName(thread);
    const controller = new AbortController();
    running.set(id, { controller, index });
    try {
      opts.onStart?.(id, index, total, threadId);
    } catch {
      // see finish()
    }
    let promise: Promise<NodeOutcome>;
    try {
      promise = Promise.resolve(opts.execute(id, threadId, controller.signal));
    } catch (e) {
      promise = Promise.reject(e);
    }
    promise
      .then(
        (o): NodeOutcome => (o && typeof o === 'object' ? o : { status: 'error', message: 'execute returned no outcome' }),
        (e: unknown): NodeOutcome => ({ status: 'error', message: errorMessage(e) }),
      )
      .then((outcome) => {
        running.delete(id);
        freeThreads.push(thread);
        if (!('thread_id' in outcome)) outcome = { ...outcome, thread_id: threadId };
        if (state.stop === 'fail_fast') {
          // dbt terminates the pool and reports every unfinished node as skipped.
          finish(id, failFastSkip(), index);
        } else {
          finish(id, outcome, index);
          const blocked = isBlocking(outcome);
          if (opts.failFast && blocked && state.stop === null) {
            state.stop = 'fail_fast';
            for (const r of running.values()) r.controller.abort(new Error(FAIL_FAST_MESSAGE));
          }
          release(id, blocked, id);
        }
        wake?.();
      });
  };

  // Main loop: drain synchronous skips, fill free threads, then wait for a completion.
  for (;;) {
    while (state.stop === null && ready.size > 0) {
      const id = ready.peek()!;
      const cause = skipCause.get(id);
      if (cause !== undefined) {
        // Skipped nodes take no thread: report them now and release their children.
        ready.pop();
        const index = nextIndex++;
        finish(id, { status: 'skipped', message: '', skip_reason: 'upstream', cause }, index);
        release(id, true, cause);
        continue;
      }
      const thread = freeThreads.pop();
      if (thread === undefined) break;
      ready.pop();
      launch(id, thread);
    }
    if (running.size === 0) break;
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
    wake = null;
  }
  opts.signal.removeEventListener('abort', onAbort);

  // Anything never started: the run was stopped (fail-fast or Ctrl-C).
  const reason: SkipReason = state.stop ?? 'cancelled';
  const rest = [...idSet].filter((id) => !outcomes.has(id)).sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
  for (const id of rest) {
    const outcome = reason === 'fail_fast' ? failFastSkip() : { status: 'skipped' as const, message: '', skip_reason: reason };
    finish(id, outcome, nextIndex++);
  }
  return { outcomes, cancelled: state.stop === 'cancelled' };
}

/** dbt builds these on the main thread after terminating the pool. */
function failFastSkip(): NodeOutcome {
  return { status: 'skipped', message: FAIL_FAST_MESSAGE, skip_reason: 'fail_fast', thread_id: 'MainThread' };
}
