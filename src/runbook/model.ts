/**
 * The runbook model. A runbook module (`runbooks/<id>.ts`) default-exports one `Runbook`; the
 * engine executes it against a cluster and the site reads its plan. Steps keep actions (which
 * change state) apart from checks and verifications (which only read state).
 */
import type {StepContext} from './context';

/** A CLI the runbook shells out to, with the oldest version it is known to work with. */
export interface Tool {
  /** Executable name, also the key in reports (`kind`, `kubectl`, ...). */
  name: string;
  minVersion: string;
  /** Arguments that make the tool print its version, e.g. `['version']`. */
  versionArgs: string[];
  /** Extracts a semver-like version from the output of `versionArgs`. */
  parseVersion(output: string): string | undefined;
  /** One line telling a person how to install it. */
  install: string;
  /** Not needed under these options (e.g. kind when `--context` points at an existing cluster). */
  skip?(options: RunOptions): string | false;
}

export type PreflightResult = {ok: true; detail?: string} | {ok: false; problem: string; fix: string};

/** A read-only precondition checked before anything changes; a failure exits with code 3. */
export interface PreflightCheck {
  id: string;
  title: string;
  run(ctx: StepContext): Promise<PreflightResult>;
  skip?(options: RunOptions): string | false;
  /** Only before bringing things up, not before `--down` (e.g. a port the cluster will take). */
  upOnly?: boolean;
}

export interface Step {
  id: string;
  title: string;
  /** One or two sentences for readers and for demo narration. */
  why: string;
  /** What a person sees when the step worked. */
  expect?: string;
  /** A speaker note for demos (`npm run demo`, /demo pages): what to point at or say, beyond `why`. */
  note?: string;
  /** Reason to leave the step out under these options, or false. */
  skip?(options: RunOptions): string | false;
  /** Reads state; true means the step's goal already holds and the action is not run. */
  check?(ctx: StepContext): Promise<boolean>;
  /** Changes state. */
  action?(ctx: StepContext): Promise<void>;
  /** Reads state after the action (or alone) and throws when the goal does not hold. */
  verify?(ctx: StepContext): Promise<void>;
}

/** Runbook-specific flags, e.g. `--s3-url` for the Velero runbook. */
export interface RunbookOption {
  name: string;
  description: string;
  default?: string;
  /** A switch without a value (`--oidc`); its value is "true" when given. */
  flag?: boolean;
}

export interface Runbook {
  id: string;
  title: string;
  summary: string;
  /** Use-case ids from the traceability data that this runbook proves. */
  useCases: string[];
  /** Ids of runbooks that must have run first on the same cluster. */
  needs: string[];
  tools: Tool[];
  preflight: PreflightCheck[];
  steps: Step[];
  /** Steps of `--down`: remove what the runbook created. */
  down: Step[];
  /** Printed after a successful run: what to do next. */
  next?(options: RunOptions): string[];
  options?: RunbookOption[];
}

export interface RunOptions {
  /** Use this existing kube context instead of the one the runbooks create with kind. */
  context?: string;
  /** Answer yes to prompts (CI). */
  yes: boolean;
  verbose: boolean;
  /** Values of the runbook's own options, by name. */
  values: Record<string, string>;
}

export {KIND_CLUSTER, KIND_CONTEXT, kubeContextOf} from './kube-context';

/** The CLI's own flags (`npm run runbook -- --help`): a runbook option of the same name would be shadowed. */
export const COMMON_FLAGS = [
  'list',
  'plan',
  'json',
  'report',
  'record',
  'context',
  'down',
  'with-needs',
  'yes',
  'verbose',
  'help',
] as const;

const RUNBOOK_ID = /^[a-z][a-z0-9-]*$/;

/**
 * Gives runbook modules type checking and one import, and refuses a runbook the engine would
 * misread: step ids that repeat (their results would merge in reports and on pages), a step
 * that does nothing, or an option that a CLI flag would shadow.
 */
export function defineRunbook(runbook: Runbook): Runbook {
  const problems = [
    ...(RUNBOOK_ID.test(runbook.id) ? [] : [`id "${runbook.id}" must be lower-case letters, digits and dashes`]),
    ...repeated(runbook.steps.map((step) => step.id)).map((id) => `step id "${id}" is used twice`),
    ...repeated(runbook.down.map((step) => step.id)).map((id) => `teardown step id "${id}" is used twice`),
    ...repeated(runbook.preflight.map((check) => check.id)).map((id) => `preflight check id "${id}" is used twice`),
    ...[...runbook.steps, ...runbook.down]
      .filter((step) => !step.check && !step.action && !step.verify)
      .map((step) => `step "${step.id}" has no check, action or verify`),
    ...(runbook.options ?? [])
      .filter((option) => (COMMON_FLAGS as readonly string[]).includes(option.name))
      .map((option) => `option --${option.name} is shadowed by the CLI's own --${option.name}`),
    ...repeated((runbook.options ?? []).map((option) => option.name)).map(
      (name) => `option --${name} is declared twice`,
    ),
  ];
  if (problems.length) throw new Error(`Runbook ${runbook.id}: ${problems.join('; ')}`);
  return runbook;
}

function repeated(ids: string[]): string[] {
  return [...new Set(ids.filter((id, index) => ids.indexOf(id) !== index))];
}

/** `skip` for tools and checks that only matter when the runbooks create the cluster with kind. */
export function onlyWithKind(options: Pick<RunOptions, 'context'>): string | false {
  return options.context ? 'using an existing cluster (--context)' : false;
}
