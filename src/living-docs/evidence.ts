/**
 * Reads the evidence that the verification workflow commits to verification/: one latest
 * `<id>.json` report per runbook, optionally with `<id>.cast`. A file that is not valid evidence
 * of a real up run fails the build as "invalid evidence: <file>: <reason>", so a tampered, truncated
 * or misplaced report never turns into a badge: evidence from the simulated toolchain proves
 * nothing about a cluster, and a tear-down report (`--down --report`) verifies no step.
 */
import fs from 'node:fs';
import path from 'node:path';
import {type Evidence, parseEvidence} from '../contract/evidence';

export const EVIDENCE_DIR = 'verification';

/** Far above any real report (commands, failure tails, diagnostics); the page data carries less. */
export const MAX_EVIDENCE_BYTES = 4 * 1024 * 1024;

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
  const read = readReport(reportFile, runbookId);
  if (read.problem !== undefined)
    throw new Error(`invalid evidence: ${path.relative(root, reportFile)}: ${read.problem}`);
  return {...files, evidence: read.evidence};
}

function readReport(file: string, runbookId: string): {evidence: Evidence; problem?: undefined} | {problem: string} {
  const stat = fs.statSync(file);
  if (!stat.isFile()) return {problem: 'is not a file'};
  if (stat.size > MAX_EVIDENCE_BYTES)
    return {problem: `is ${stat.size} bytes, more than the ${MAX_EVIDENCE_BYTES} a report may have`};
  let data: unknown;
  try {
    // A byte order mark is how some editors save UTF-8; it is not part of the JSON.
    data = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    return {problem: `is not valid JSON (${(error as Error).message})`};
  }
  const parsed = parseEvidence(data);
  if (!parsed.evidence) return {problem: parsed.problem};
  const problem = misplaced(parsed.evidence, runbookId);
  return problem ? {problem} : {evidence: parsed.evidence};
}

/** Valid evidence that still does not belong in verification/<id>.json. */
function misplaced(evidence: Evidence, runbookId: string): string | undefined {
  if (evidence.runbook !== runbookId) return `reports runbook "${evidence.runbook}", expected "${runbookId}"`;
  if (evidence.simulated) return 'is from a simulated run; only runs on a real cluster count as evidence';
  if (evidence.mode !== 'up')
    return `is the report of a tear-down run (--down), which verifies nothing; publish the report of an up run`;
  return undefined;
}
