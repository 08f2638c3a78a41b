/** Snapshot settings every snapshot macro reads: meta column names and the hard-delete behaviour. */
import { TxCodes, TxError, type SourceLoc } from '../errors/tx-error.js';

export interface SnapshotColumnNames {
  dbt_valid_from: string;
  dbt_valid_to: string;
  dbt_scd_id: string;
  dbt_updated_at: string;
  dbt_is_deleted: string;
}

const META = ['dbt_valid_from', 'dbt_valid_to', 'dbt_scd_id', 'dbt_updated_at', 'dbt_is_deleted'] as const;

/** dbt's SnapshotConfig.snapshot_table_column_names: snapshot_meta_column_names over the defaults. */
export function snapshotColumnNames(config: Record<string, unknown>): SnapshotColumnNames {
  const raw = config['snapshot_meta_column_names'];
  const given = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const out = {} as SnapshotColumnNames;
  for (const k of META) {
    const v = given[k];
    out[k] = typeof v === 'string' && v !== '' ? v : k;
  }
  return out;
}

export type HardDeletes = 'ignore' | 'invalidate' | 'new_record';

/** dbt's adapter.get_hard_deletes_behavior: hard_deletes, or the legacy invalidate_hard_deletes. */
export function hardDeletesBehavior(config: Record<string, unknown>, loc?: SourceLoc): HardDeletes {
  const legacy = config['invalidate_hard_deletes'];
  const mode = config['hard_deletes'];
  const set = (v: unknown) => v !== undefined && v !== null;
  if (set(legacy) && set(mode)) {
    throw new TxError({ code: TxCodes.ConfigInvalid, message: 'You cannot set both the invalidate_hard_deletes and hard_deletes config properties on the same snapshot.', loc, hint: "keep hard_deletes ('invalidate' is what invalidate_hard_deletes: true meant)" });
  }
  if (legacy === true || mode === 'invalidate') return 'invalidate';
  if (mode === 'new_record') return 'new_record';
  if (!set(mode) || mode === 'ignore') return 'ignore';
  throw new TxError({ code: TxCodes.ConfigInvalid, message: `Invalid setting for property hard_deletes: '${String(mode)}'`, loc, hint: "use one of: ignore, invalidate, new_record" });
}
