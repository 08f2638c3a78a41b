import { describe, expect, it } from 'vitest';
import { runSchedule, FAIL_FAST_MESSAGE, type NodeOutcome, type ScheduleOptions } from '../../../src/run/scheduler.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Graph as child -> parents. */
function opts(graph: Record<string, string[]>, over: Partial<ScheduleOptions> = {}): ScheduleOptions {
  const ids = Object.keys(graph).sort();
  return {
    ids,
    parentsOf: (id) => graph[id] ?? [],
    priority: ids,
    threads: 1,
    failFast: false,
    signal: new AbortController().signal,
    execute: async () => ({ status: 'success', message: 'OK' }),
    ...over,
  };
}

describe('runSchedule', () => {
  it('respects the thread bound and uses all threads', async () => {
    const graph: Record<string, string[]> = {};
    for (let i = 0; i < 12; i++) graph[`n${String(i).padStart(2, '0')}`] = [];
    let live = 0;
    let peak = 0;
    const threads = new Set<string>();
    await runSchedule(opts(graph, {
      threads: 4,
      execute: async (_id, t) => {
        threads.add(t);
        live++;
        peak = Math.max(peak, live);
        await sleep(10);
        live--;
        return { status: 'success', message: 'OK' };
      },
    }));
    expect(peak).toBe(4);
    expect([...threads].sort()).toEqual(['Thread-1 (worker)', 'Thread-2 (worker)', 'Thread-3 (worker)', 'Thread-4 (worker)']);
  });

  it('starts a node only after its parents, numbering in start order', async () => {
    const graph = { a: [], b: ['a'], c: ['a'], d: ['b', 'c'], outside: [] };
    const started: string[] = [];
    const finished = new Set<string>();
    const indexes: number[] = [];
    const { outcomes } = await runSchedule(opts(graph, {
      threads: 3,
      parentsOf: (id) => [...(graph as Record<string, string[]>)[id]!, 'not-selected'],
      onStart: (id, index, total) => {
        for (const p of (graph as Record<string, string[]>)[id]!) expect(finished.has(p)).toBe(true);
        started.push(id);
        indexes.push(index);
        expect(total).toBe(5);
      },
      execute: async (id) => {
        await sleep(id === 'b' ? 15 : 2);
        finished.add(id);
        return { status: 'success', message: 'OK' };
      },
    }));
    expect(started.slice(0, 2)).toEqual(['a', 'outside']);
    expect(started.at(-1)).toBe('d');
    expect(indexes).toEqual([1, 2, 3, 4, 5]);
    expect([...outcomes.values()].every((o) => o.status === 'success')).toBe(true);
  });

  it('skips only descendants of a failure, transitively, and reports them', async () => {
    const graph = { a: [], b: ['a'], c: ['b'], d: [], e: ['d'] };
    const reported: [string, NodeOutcome, number][] = [];
    const { outcomes, cancelled } = await runSchedule(opts(graph, {
      threads: 2,
      execute: async (id) => (id === 'a' ? { status: 'error', message: 'boom' } : { status: 'success', message: 'OK' }),
      onFinish: (id, o, i) => reported.push([id, o, i]),
    }));
    expect(cancelled).toBe(false);
    expect(outcomes.get('a')?.status).toBe('error');
    expect(outcomes.get('b')).toMatchObject({ status: 'skipped', message: '', skip_reason: 'upstream', cause: 'a' });
    expect(outcomes.get('c')).toMatchObject({ status: 'skipped', cause: 'a' });
    expect(outcomes.get('d')?.status).toBe('success');
    expect(outcomes.get('e')?.status).toBe('success');
    expect(reported.map((r) => r[0]).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(reported.map((r) => r[2]).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('a non-blocking status (warn) does not skip children', async () => {
    const { outcomes } = await runSchedule(opts({ a: [], b: ['a'] }, {
      execute: async (id) => (id === 'a' ? { status: 'warn', message: 'Got 1 result' } : { status: 'success', message: 'OK' }),
    }));
    expect(outcomes.get('b')?.status).toBe('success');
  });

  it('turns a throwing execute into an error outcome', async () => {
    const { outcomes } = await runSchedule(opts({ a: [], b: ['a'], c: [] }, {
      threads: 2,
      execute: (id) => {
        if (id === 'a') throw new Error('sync throw');
        if (id === 'c') return Promise.reject(new Error('async throw'));
        return Promise.resolve({ status: 'success', message: 'OK' });
      },
    }));
    expect(outcomes.get('a')).toMatchObject({ status: 'error', message: 'sync throw' });
    expect(outcomes.get('c')).toMatchObject({ status: 'error', message: 'async throw' });
    expect(outcomes.get('b')?.status).toBe('skipped');
  });

  it('fail-fast aborts running nodes and skips everything unfinished', async () => {
    const graph: Record<string, string[]> = { a: [], slow: [], later1: [], later2: [], child: ['slow'] };
    let slowSawAbort = false;
    const { outcomes, cancelled } = await runSchedule(opts(graph, {
      threads: 2,
      failFast: true,
      priority: ['a', 'slow', 'later1', 'later2', 'child'],
      execute: async (id, _t, signal) => {
        if (id === 'a') {
          await sleep(5);
          return { status: 'error', message: 'boom' };
        }
        if (id === 'slow') {
          await new Promise<void>((r) => signal.addEventListener('abort', () => r()));
          slowSawAbort = signal.aborted;
          return { status: 'error', message: 'cancelled' };
        }
        return { status: 'success', message: 'OK' };
      },
    }));
    expect(cancelled).toBe(false);
    expect(slowSawAbort).toBe(true);
    expect(outcomes.get('a')?.status).toBe('error');
    for (const id of ['slow', 'later1', 'later2', 'child']) {
      expect(outcomes.get(id)).toMatchObject({ status: 'skipped', message: FAIL_FAST_MESSAGE, thread_id: 'MainThread' });
    }
  });

  it('abort mid-run stops starting nodes, aborts running ones, skips the rest', async () => {
    const ctl = new AbortController();
    const started: string[] = [];
    const graph: Record<string, string[]> = { a: [], b: ['a'], c: ['b'] };
    const { outcomes, cancelled } = await runSchedule(opts(graph, {
      signal: ctl.signal,
      execute: async (id, _t, signal) => {
        started.push(id);
        if (id === 'b') {
          setTimeout(() => ctl.abort(), 1);
          await new Promise<void>((r) => signal.addEventListener('abort', () => r()));
          return { status: 'error', message: 'Cancelled' };
        }
        return { status: 'success', message: 'OK' };
      },
    }));
    expect(cancelled).toBe(true);
    expect(started).toEqual(['a', 'b']);
    expect(outcomes.get('b')).toMatchObject({ status: 'error', message: 'Cancelled' });
    expect(outcomes.get('c')).toMatchObject({ status: 'skipped', skip_reason: 'cancelled' });
  });

  it('an already-aborted signal runs nothing', async () => {
    const ctl = new AbortController();
    ctl.abort();
    let ran = 0;
    const { outcomes, cancelled } = await runSchedule(opts({ a: [], b: [] }, { signal: ctl.signal, execute: async () => { ran++; return { status: 'success', message: 'OK' }; } }));
    expect(ran).toBe(0);
    expect(cancelled).toBe(true);
    expect(outcomes.size).toBe(2);
  });

  it('handles a wide, deep graph quickly', async () => {
    const graph: Record<string, string[]> = {};
    const n = 20000;
    for (let i = 0; i < n; i++) graph[`m${i}`] = i === 0 ? [] : [`m${Math.floor((i - 1) / 2)}`];
    const t0 = Date.now();
    const { outcomes } = await runSchedule(opts(graph, { threads: 8, execute: () => Promise.resolve({ status: 'success', message: 'OK' }) }));
    expect(outcomes.size).toBe(n);
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});
