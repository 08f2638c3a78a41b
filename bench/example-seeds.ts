/**
 * Regenerates the seed CSVs of example_project/ deterministically:
 *   node dist/bench/example-seeds.js [example_project/seeds]
 * The committed CSVs are the output of this script; re-running it gives identical bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from './prng.js';

const DAY_MS = 86_400_000;
const START = Date.UTC(2025, 11, 15); // 2025-12-15
const END = Date.UTC(2026, 2, 31, 23, 59, 59); // 2026-03-31 23:59:59
const USERS = 48;
const EVENTS = 480;
const DUPLICATES = 14;

interface Event {
  eventId: string;
  userId: number | null;
  ts: number;
  type: string;
  amount: number;
  session: number;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

function fmtTs(ms: number): string {
  const d = new Date(ms);
  return `${fmtDate(ms)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function fmtDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function eventRows(rand: () => number): Event[] {
  const events: Event[] = [];
  // Each user is active in a window of the period; some users go quiet early (the churners).
  const activity = Array.from({ length: USERS }, () => {
    const first = START + Math.floor(rand() * 40) * DAY_MS;
    const last = Math.min(END, first + (20 + Math.floor(rand() * 90)) * DAY_MS);
    return { first, last };
  });
  for (let i = 0; i < EVENTS; i++) {
    const u = Math.floor(rand() * USERS);
    const act = activity[u]!;
    const ts = act.first + Math.floor(rand() * (act.last - act.first));
    const r = rand();
    const type = r < 0.45 ? 'view' : r < 0.62 ? 'search' : r < 0.8 ? 'add_to_cart' : r < 0.96 ? 'purchase' : 'refund';
    let amount = 0;
    if (type === 'purchase') amount = Math.round((5 + rand() * 195) * 100) / 100;
    if (type === 'refund') amount = -Math.round((5 + rand() * 80) * 100) / 100;
    // A little bad data: a few purchases recorded with a negative amount.
    if (type === 'purchase' && rand() < 0.05) amount = -amount;
    events.push({
      eventId: '',
      userId: rand() < 0.03 ? null : u + 1,
      ts: Math.floor(ts / 1000) * 1000,
      type,
      amount,
      session: 5 + Math.floor(rand() * 1795),
    });
  }
  events.sort((a, b) => a.ts - b.ts || (a.userId ?? 0) - (b.userId ?? 0));
  events.forEach((e, i) => (e.eventId = `evt_${pad(i + 1, 5)}`));
  return events;
}

function eventsCsv(events: Event[], rand: () => number): string {
  const lines = ['event_id,user_id,event_timestamp,event_date,event_type,purchase_amount,session_duration_seconds'];
  const dupAt = new Set<number>();
  while (dupAt.size < DUPLICATES) dupAt.add(Math.floor(rand() * events.length));
  events.forEach((e, i) => {
    const line = [
      e.eventId,
      e.userId === null ? '' : String(e.userId),
      fmtTs(e.ts),
      fmtDate(e.ts),
      e.type,
      e.amount.toFixed(2),
      String(e.session),
    ].join(',');
    lines.push(line);
    // Exact duplicate rows, as at-least-once delivery produces them.
    if (dupAt.has(i)) lines.push(line);
  });
  return lines.join('\n') + '\n';
}

function labelsCsv(events: Event[], rand: () => number): string {
  const lines = ['user_id,label_timestamp,churned'];
  const labelStart = Date.UTC(2026, 0, 20);
  const labelEnd = Date.UTC(2026, 2, 17); // leave 14 days of future to observe churn
  const rows: { userId: number; ts: number; churned: number }[] = [];
  // Users 49 and 50 have labels but no events at all: the training set must keep them with null features.
  for (let u = 1; u <= USERS + 2; u++) {
    const n = rand() < 0.4 ? 2 : 1;
    for (let k = 0; k < n; k++) {
      const ts = labelStart + Math.floor(rand() * ((labelEnd - labelStart) / 1000)) * 1000;
      // Churned = no event at all in the 14 days after the label timestamp (a future-looking label).
      const active = events.some((e) => e.userId === u && e.ts > ts && e.ts <= ts + 14 * DAY_MS);
      rows.push({ userId: u, ts, churned: active ? 0 : 1 });
    }
  }
  rows.sort((a, b) => a.userId - b.userId || a.ts - b.ts);
  for (const r of rows) lines.push(`${r.userId},${fmtTs(r.ts)},${r.churned}`);
  return lines.join('\n') + '\n';
}

export function writeExampleSeeds(dir: string, seed = 20260101): void {
  const rand = mulberry32(seed);
  const events = eventRows(rand);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'raw_user_events.csv'), eventsCsv(events, rand));
  writeFileSync(join(dir, 'raw_labels.csv'), labelsCsv(events, rand));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeExampleSeeds(resolve(process.argv[2] ?? 'example_project/seeds'));
}
