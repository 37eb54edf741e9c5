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

/** The kube context a runbook works on: the kind cluster's, unless `--context` names another. */
export const KIND_CLUSTER = 'localdev';
export const KIND_CONTEXT = `kind-${KIND_CLUSTER}`;

export function kubeContextOf(options: Pick<RunOptions, 'context'>): string {
  return options.context ?? KIND_CONTEXT;
}

/** Identity function that gives runbook modules type checking and one import. */
export function defineRunbook(runbook: Runbook): Runbook {
  return runbook;
}

/** `skip` for tools and checks that only matter when the runbooks create the cluster with kind. */
export function onlyWithKind(options: Pick<RunOptions, 'context'>): string | false {
  return options.context ? 'using an existing cluster (--context)' : false;
}
