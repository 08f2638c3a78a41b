/**
 * The conformance suite (conformance.ts) on the real Postgres at 127.0.0.1:5432: skipped with a
 * message when it is unreachable, failing instead under CI=true.
 */
import { expect } from 'vitest';
import { describePg, pgQuery } from '../functional/pg-helpers.js';
import { defineConformance } from './conformance.js';
import { postgresTarget } from './targets.js';

describePg('conformance on postgres', () => {
  defineConformance(postgresTarget(), {
    // The statement is gone from the server, not just abandoned by the client.
    async afterCancel() {
      const left = await pgQuery("select count(*)::int as n from pg_stat_activity where query like '%pg_sleep(30)%' and state = 'active' and pid <> pg_backend_pid()");
      expect(left).toEqual([{ n: 0 }]);
    },
  });
});
