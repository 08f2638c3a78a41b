/**
 * Worker-thread entry of the static analysis (src/api/analysis.ts starts it for large projects):
 * one AnalysisJob in, one message out: `{ ok: true, reply }` or `{ ok: false, error }`.
 */
import { parentPort } from 'node:worker_threads';
import type { AnalysisJob } from './analysis-job.js';
import { runAnalysisJob } from './analysis-job.js';

const port = parentPort;
if (port) {
  port.once('message', (job: AnalysisJob) => {
    runAnalysisJob(job).then(
      (reply) => port.postMessage({ ok: true, reply }),
      (e: unknown) => port.postMessage({ ok: false, error: e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e) }),
    );
  });
}
