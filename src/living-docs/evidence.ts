/**
 * Reads the evidence that the verification workflow commits to verification/: one latest
 * `<id>.json` report per runbook, optionally with `<id>.cast`. A malformed file fails the build;
 * evidence from the simulated toolchain is refused, because it proves nothing about a cluster.
 */
import fs from 'node:fs';
import path from 'node:path';
import {EVIDENCE_SCHEMA_VERSION, type Evidence} from '../runbook/reporters/evidence';

export const EVIDENCE_DIR = 'verification';

export interface EvidenceFiles {
  evidence?: Evidence;
  /** Absolute path of the transcript, when one exists. */
  transcript?: string;
}

export function readEvidence(root: string, runbookId: string, evidenceDir = EVIDENCE_DIR): EvidenceFiles {
  const dir = path.join(root, evidenceDir);
  const reportFile = path.join(dir, `${runbookId}.json`);
  const castFile = path.join(dir, `${runbookId}.cast`);
  const files: EvidenceFiles = fs.existsSync(castFile) ? {transcript: castFile} : {};
  if (!fs.existsSync(reportFile)) return files;
  const evidence = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as Evidence;
  const problem = validate(evidence, runbookId);
  if (problem) throw new Error(`${path.relative(root, reportFile)}: ${problem}`);
  return {...files, evidence};
}

function validate(evidence: Evidence, runbookId: string): string | undefined {
  if (evidence.schemaVersion !== EVIDENCE_SCHEMA_VERSION) return `schemaVersion ${evidence.schemaVersion} is not ${EVIDENCE_SCHEMA_VERSION}`;
  if (evidence.runbook !== runbookId) return `reports runbook "${evidence.runbook}", expected "${runbookId}"`;
  if (evidence.simulated) return 'is from a simulated run; only runs on a real cluster count as evidence';
  if (!/^sha256:[0-9a-f]{64}$/.test(evidence.sourceHash ?? '')) return 'has no valid sourceHash';
  if (!Array.isArray(evidence.steps) || typeof evidence.finishedAt !== 'string') return 'lacks steps or finishedAt';
  return undefined;
}
