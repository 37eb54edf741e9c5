/**
 * Where a replay's recording comes from: the last real run's transcript in verification/
 * (`<id>.cast` next to a valid `<id>.json` of a real up run), or, when there is none, a run made
 * right now on the simulated toolchain with the same asciicast recorder. The label says which,
 * on every screen and page that shows it.
 */
import {readEvidence, EVIDENCE_DIR} from '../living-docs/evidence';
import {EventBus} from '../runbook/events';
import {execute} from '../runbook/executor';
import type {Runbook, RunOptions} from '../runbook/model';
import {Redactor} from '../runbook/redact';
import {asciicastRecorder} from '../runbook/reporters/asciicast';
import type {Evidence} from '../runbook/reporters/evidence';
import {createSimWorld} from '../runbook/sim';
import fs from 'node:fs';

export const SIMULATED_LABEL = 'simulated, not a real cluster';

export type RecordingSource =
  | {kind: 'real'; finishedAt: string; tools: Record<string, string>; kubernetesVersion?: string}
  | {kind: 'simulated'};

export interface Recording {
  runbook: string;
  source: RecordingSource;
  /** The asciicast v2 text. */
  cast: string;
}

/** "real run of 2025-03-04 (kind 0.30.0, kubectl 1.34.1, Kubernetes v1.34.0)" or the simulated label. */
export function sourceLabel(source: RecordingSource): string {
  if (source.kind === 'simulated') return SIMULATED_LABEL;
  const versions = [
    ...Object.entries(source.tools).map(([tool, version]) => `${tool} ${version}`),
    ...(source.kubernetesVersion ? [`Kubernetes ${source.kubernetesVersion}`] : []),
  ];
  return `real run of ${source.finishedAt.slice(0, 10)}${versions.length ? ` (${versions.join(', ')})` : ''}`;
}

/** The published transcript of the last real run, when verification/ has one with its report. */
export function realRecording(root: string, runbookId: string, evidenceDir = EVIDENCE_DIR): Recording | undefined {
  const {evidence, transcript} = readEvidence(root, runbookId, evidenceDir);
  if (!evidence || !transcript) return undefined;
  return {runbook: runbookId, source: realSource(evidence), cast: fs.readFileSync(transcript, 'utf8')};
}

function realSource(evidence: Evidence): RecordingSource {
  return {
    kind: 'real',
    finishedAt: evidence.finishedAt,
    tools: evidence.tools,
    kubernetesVersion: evidence.kubernetesVersion,
  };
}

/**
 * The runbook run on a fresh simulated machine, its prerequisites first (unrecorded), recorded as
 * `--record` records a real run. Confirmations are answered yes, as in a plan.
 */
export async function simulatedRecording(runbook: Runbook, prerequisites: Runbook[], root: string): Promise<Recording> {
  const world = createSimWorld();
  const options: RunOptions = {yes: true, verbose: false, values: {}};
  const run = (what: Runbook, bus: EventBus, redactor?: Redactor) =>
    execute({
      runbook: what,
      mode: 'up',
      options,
      toolchain: world.toolchain(),
      bus,
      root,
      signal: new AbortController().signal,
      redactor,
    });
  for (const prerequisite of prerequisites) {
    const result = await run(prerequisite, new EventBus());
    if (result.exitCode !== 0)
      throw new Error(`Recording ${runbook.id}: its prerequisite ${prerequisite.id} failed on the simulated toolchain`);
  }
  const redactor = new Redactor();
  const recorder = asciicastRecorder(runbook.title, world.toolchain().clock, redactor);
  const bus = new EventBus();
  bus.on(recorder.listener);
  await run(runbook, bus, redactor);
  return {runbook: runbook.id, source: {kind: 'simulated'}, cast: recorder.text()};
}
