/**
 * The evidence format, a contract of its own: a versioned schema that src/runbook/reporters/
 * evidence.ts writes (its output is typed by it, so an engine change cannot reshape the committed
 * files unnoticed) and the only shape the site reads. Every field a status or a badge rests on (mode, exit code, outcomes,
 * steps, simulated, dates, versions) is required and typed, so a file that cannot prove its run is
 * refused with the field it lacks instead of being read as a pass or breaking a page later.
 */
import * as z from 'zod';

/** The version the reporter writes today. */
export const EVIDENCE_SCHEMA_VERSION = 1;

const timestamp = z.iso.datetime({offset: true});
const duration = z.number().nonnegative();
const exitCode = z.int().nullable();

const stepOutcome = z.enum(['passed', 'already-done', 'skipped', 'failed', 'interrupted', 'not-run']);

const step = z.object({
  id: z.string().min(1),
  title: z.string(),
  outcome: stepOutcome,
  durationMs: duration,
  reason: z.string().optional(),
  commands: z.array(z.object({command: z.string(), exitCode, durationMs: duration})),
  failure: z
    .object({
      message: z.string(),
      command: z.string().optional(),
      exitCode: exitCode.optional(),
      stderrTail: z.string().optional(),
    })
    .optional(),
  diagnostics: z.array(z.object({title: z.string(), command: z.string(), output: z.string()})).optional(),
});

const preflight = z.object({
  id: z.string(),
  title: z.string(),
  ok: z.boolean(),
  skipped: z.string().optional(),
  detail: z.string().optional(),
  problem: z.string().optional(),
  fix: z.string().optional(),
});

// Unknown keys are dropped, not refused: a reporter may add a field before the site shows it.
const version1 = z.object({
  schemaVersion: z.literal(1),
  runbook: z.string().min(1),
  title: z.string(),
  mode: z.enum(['up', 'down']),
  outcome: z.enum(['passed', 'failed', 'preflight-failed', 'interrupted']),
  exitCode: z.int(),
  startedAt: timestamp,
  finishedAt: timestamp,
  durationMs: duration,
  simulated: z.boolean(),
  kubeContext: z.string(),
  tools: z.record(z.string(), z.string()),
  kubernetesVersion: z.string().optional(),
  preflight: z.array(preflight),
  steps: z.array(step),
  notes: z.array(z.string()),
  sourceHash: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be sha256: and 64 hex digits'),
  gitCommit: z
    .string()
    .regex(/^[0-9a-f]{7,40}$/, 'must be a git commit id')
    .optional(),
  // The badge may link the run: only a web address, never javascript: or the like.
  runner: z.object({
    name: z.enum(['github-actions', 'forgejo-actions', 'ci', 'local']),
    url: z.url({protocol: /^https?$/}).optional(),
  }),
  transcript: z.string().optional(),
});

/** One evidence file: what a run of one runbook proved, on which runner. */
export type Evidence = z.infer<typeof version1>;
export type Runner = Evidence['runner'];

/** One schema per evidence version this site can read; the reporter writes EVIDENCE_SCHEMA_VERSION. */
const SCHEMAS: Record<number, z.ZodType<Evidence>> = {[EVIDENCE_SCHEMA_VERSION]: version1};

export type Parsed = {evidence: Evidence; problem?: undefined} | {evidence?: undefined; problem: string};

/** The evidence in `data` (parsed JSON), or the first reason it is not evidence this site reads. */
export function parseEvidence(data: unknown): Parsed {
  const version =
    typeof data === 'object' && data !== null && !Array.isArray(data)
      ? (data as {schemaVersion?: unknown}).schemaVersion
      : undefined;
  if (version === undefined) return {problem: 'is not an evidence report (no schemaVersion)'};
  const schema = typeof version === 'number' ? SCHEMAS[version] : undefined;
  if (!schema)
    return {
      problem: `schemaVersion ${JSON.stringify(version)} is not one this site reads (${Object.keys(SCHEMAS).join(', ')})`,
    };
  const result = schema.safeParse(data);
  if (result.success) return {evidence: result.data};
  const [issue] = result.error.issues;
  return {problem: `${pathOf(issue!.path) || 'the report'}: ${issue!.message}`};
}

/** `steps[2].outcome`, as a reader finds it in the file. */
function pathOf(segments: ReadonlyArray<PropertyKey>): string {
  return segments
    .map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index ? '.' : ''}${String(segment)}`))
    .join('');
}
