/**
 * Renders a template that talks to the warehouse (run-operation, freshness checks): its
 * run_query / statement / adapter calls are answered on `conn` (src/run/introspect.ts), and
 * what it logs is printed once, from the final render (a render that still had unanswered
 * questions is dropped, so its log lines are too).
 */
import type { Session } from './session.js';
import type { Connection } from '../adapter/types.js';
import { introspectionScope } from '../context/introspection.js';
import { Relation } from '../adapter/relation.js';
import { renderWithAnswers } from '../run/introspect.js';

export async function renderLive<T>(s: Session, conn: Connection, signal: AbortSignal | undefined, extra: Record<string, unknown>, render: (scope: Record<string, unknown>) => T): Promise<T> {
  let logs: unknown[][] = [];
  const value = await renderWithAnswers((recorder) => {
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
      ...extra,
    };
    return render(scope);
  }, conn, signal);
  const baseLog = s.baseScope['log'] as (...a: unknown[]) => unknown;
  for (const a of logs) baseLog(...a);
  return value;
}
