/** Writes manifest.json, run_results.json and perf_info.json for a command. */
import { join } from 'node:path';
import type { Session, ParsedProject } from './session.js';
import { buildManifest } from '../artifacts/manifest.js';
import { buildRunResults, type RunResultInput } from '../artifacts/run-results.js';
import { writeJsonArtifact } from '../artifacts/write-json.js';
import { buildFingerprints, FINGERPRINTS_FILE } from '../state/fingerprints.js';

export function graphMaps(p: ParsedProject): { parentMap: Record<string, string[]>; childMap: Record<string, string[]> } {
  const parentMap: Record<string, string[]> = {};
  const childMap: Record<string, string[]> = {};
  p.graph.forEachNode((id) => {
    parentMap[id] = p.graph.inNeighbors(id).sort();
    childMap[id] = p.graph.outNeighbors(id).sort();
  });
  // Project hooks are nodes to dbt too, with no parents or children.
  for (const id of Object.keys(p.manifest.hooks)) {
    parentMap[id] = [];
    childMap[id] = [];
  }
  return { parentMap, childMap };
}

export function writeManifest(s: Session, p: ParsedProject): void {
  const { parentMap, childMap } = graphMaps(p);
  const manifest = buildManifest({
    manifest: p.manifest,
    invocationId: s.inv.invocationId,
    generatedAt: s.inv.startedAt,
    projectName: s.project.name,
    adapterType: s.dialect.name,
    parentMap,
    childMap,
  });
  writeJsonArtifact(join(s.targetDir, 'manifest.json'), manifest);
  writeJsonArtifact(join(s.targetDir, FINGERPRINTS_FILE), buildFingerprints(p.manifest));
}

export function writeRunResults(s: Session, results: RunResultInput[], elapsedSeconds: number, args: Record<string, unknown>): void {
  writeJsonArtifact(
    join(s.targetDir, 'run_results.json'),
    buildRunResults({ invocationId: s.inv.invocationId, generatedAt: s.inv.clock.now(), invocationStartedAt: s.inv.startedAt, elapsedSeconds, args, results }),
  );
}

/** Phase timings and peak memory, read by bench/ (dbt writes a perf_info.json for parse too). */
export function writePerfInfo(s: Session, p: ParsedProject): void {
  writeJsonArtifact(join(s.targetDir, 'perf_info.json'), {
    phases: s.timer.phases,
    peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
    node_count: Object.keys(p.manifest.nodes).length,
  });
}
