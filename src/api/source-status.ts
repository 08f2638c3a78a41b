/**
 * What `source_status:` compares (dbt's PreviousState.sources / sources_current): the
 * sources.json in the --state folder and the one in this project's target path, written by
 * an earlier and the latest `tx source freshness`. Read once, on first use.
 */
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import type { Session } from './session.js';
import type { SourceFreshnessStates } from '../select/methods.js';
import { readLoadedAt } from '../artifacts/sources-json.js';
import { TxCodes, TxError } from '../errors/tx-error.js';

export function sourceFreshnessStates(s: Session): () => SourceFreshnessStates {
  let loaded: SourceFreshnessStates | undefined;
  return () => (loaded ??= load(s));
}

function load(s: Session): SourceFreshnessStates {
  const state = s.previousState();
  if (state === undefined) {
    throw new TxError({
      code: TxCodes.Usage,
      message: "The 'source_status' selector needs --state: a folder holding the sources.json of an earlier `tx source freshness`",
      hint: 'e.g. tx build --select source_status:fresher+ --state prod-artifacts/',
    });
  }
  const previous = join(state.dir, 'sources.json');
  if (!existsSync(previous)) {
    throw new TxError({
      code: TxCodes.Usage,
      message: `No previous state comparison freshness results in sources.json: ${previous} does not exist`,
      hint: 'keep the sources.json of the earlier `tx source freshness` in the --state folder',
    });
  }
  const current = join(s.targetDir, 'sources.json');
  if (!existsSync(current)) {
    throw new TxError({
      code: TxCodes.Usage,
      message: `No current state comparison freshness results in sources.json: ${current} does not exist`,
      hint: 'run `tx source freshness` first; it writes target/sources.json',
    });
  }
  return { previous: readLoadedAt(previous), current: readLoadedAt(current) };
}
