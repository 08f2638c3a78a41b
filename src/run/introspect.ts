/**
 * Answers a template's warehouse questions (see src/context/introspection.ts): render, run the
 * first unanswered request, render again with its answer, until the render asks nothing new.
 * One request per round, because a later query may be built from an earlier answer.
 */
import type { Connection, RelationInfo } from '../adapter/types.js';
import { IntrospectionRecorder, type IntrospectionAnswer, type IntrospectionRequest } from '../context/introspection.js';
import { TxError, TxCodes } from '../errors/tx-error.js';

const MAX_ROUNDS = 1000;

export async function renderWithAnswers<T>(render: (recorder: IntrospectionRecorder) => T, conn: Connection, signal?: AbortSignal): Promise<T> {
  const answers = new Map<string, IntrospectionAnswer>();
  for (let round = 0; ; round++) {
    const recorder = new IntrospectionRecorder(answers);
    let value: T | undefined;
    try {
      value = render(recorder);
    } catch (e) {
      // A render on placeholder answers may fail (e.g. reading row 0 of an empty result):
      // answer what it asked for and try again; fail only once nothing is left to ask.
      if (recorder.pending.length === 0) throw e;
    }
    const next = recorder.pending[0];
    if (!next) return value as T;
    if (round >= MAX_ROUNDS) {
      throw new TxError({ code: TxCodes.TemplateRender, message: `a template asked the warehouse more than ${MAX_ROUNDS} questions in one render`, hint: 'look for run_query or statement calls inside a loop' });
    }
    answers.set(next.key, await answer(conn, next.request, signal));
  }
}

async function answer(conn: Connection, req: IntrospectionRequest, signal?: AbortSignal): Promise<IntrospectionAnswer> {
  switch (req.kind) {
    case 'query':
      return conn.execute(req.sql, signal ? { fetch: true, exact: true, signal } : { fetch: true, exact: true });
    case 'columns':
      return conn.getColumns(req.relation);
    case 'relations':
      return conn.listRelations(req.schema);
    case 'relation': {
      const all = await conn.listRelations({ database: req.relation.database, schema: req.relation.schema });
      const id = req.relation.identifier.toLowerCase();
      return all.find((r: RelationInfo) => r.identifier.toLowerCase() === id) ?? null;
    }
  }
}
