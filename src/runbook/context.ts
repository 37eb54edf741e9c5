/**
 * What a step gets to work with. Everything that touches the machine goes through here, so the
 * same step runs for real, against the simulated toolchain, and in plan mode.
 */
import fs from 'node:fs';
import path from 'node:path';
import type {ProcessPromise} from 'zx/core';
import {startBackground, type BackgroundReady} from './background';
import {toMs, type Clock} from './clock';
import type {ValueOrigin, ValueOrigins} from './credentials';
import type {DescribeTarget} from './errors';
import {WaitTimeoutError} from './errors';
import type {RunEvent} from './events';
import {Kube} from './kube';
import {contextFileName, KIND_CONTEXT, kubeContextOf} from './kube-context';
import type {RunOptions} from './model';
import type {Redactor} from './redact';
import {withPrefix, type CommandTracker, type RunningCommands, type Shell} from './shell';
import type {Files, Toolchain} from './toolchain';
import {retry, waitFor, type ProbeResult, type RetryOptions, type WaitOptions} from './wait';

export type CleanupFn = (ctx: StepContext) => Promise<unknown>;

export interface StepContext {
  readonly runbook: string;
  readonly options: RunOptions;
  /** The kube context every kubectl call uses (never the ambient current context). */
  readonly kubeContext: string;
  /** True when the runbooks manage the cluster with kind (no `--context` given). */
  readonly usesKind: boolean;
  readonly simulated: boolean;
  readonly $: Shell;
  /** `kubectl --context <kubeContext> ...` */
  readonly kubectl: Shell;
  readonly kube: Kube;
  readonly files: Files;
  /** The environment commands run with; extend it for one command with `$({env: {...ctx.env, X: y}})`. */
  readonly env: NodeJS.ProcessEnv;
  /** Repository-relative folder for files the runbook writes (git-ignored). */
  readonly workDir: string;
  /** Contents of `runbooks/assets/<runbook>/<name>`. */
  asset(name: string): string;
  waitFor(
    what: string,
    probe: () => Promise<ProbeResult>,
    options: WaitOptions & {describe?: DescribeTarget[]},
  ): Promise<void>;
  retry<T>(fn: () => Promise<T>, options: RetryOptions): Promise<T>;
  isPortFree(port: number): Promise<boolean>;
  /**
   * Marks a value learned at run time as secret: it is masked in every output. `origin` says
   * where it came from, for a command that later reads it from a variable (./credentials.ts).
   */
  secret(value: string, origin?: ValueOrigin): string;
  /** Registers an undo that runs only if the run is interrupted during this step. */
  onInterrupt(label: string, fn: CleanupFn): void;
  /** Registers a cleanup that runs when the run ends, however it ends. */
  defer(label: string, fn: CleanupFn): void;
  /**
   * Keeps a started command running for the rest of the run (`kubectl port-forward`): resolves
   * with the match of `ready` in its output, and stops it when the run ends, however it ends.
   */
  background(label: string, command: ProcessPromise, ready: BackgroundReady): Promise<RegExpExecArray>;
  /** A message for the person running the runbook. */
  note(text: string): void;
  /** Asks before something destructive; true without asking under `--yes`. */
  confirm(question: string): Promise<boolean>;
}

export interface Cleanup {
  label: string;
  fn: CleanupFn;
}

/** The engine's state that contexts are made from. */
export interface EngineState {
  runbookId: string;
  options: RunOptions;
  toolchain: Toolchain;
  tracker: CommandTracker;
  /** The run's commands still running, under their time limits. */
  running: RunningCommands;
  clock: Clock;
  redactor: Redactor;
  origins: ValueOrigins;
  /** Emits an event (the executor redacts it first). */
  emit(event: RunEvent): void;
  root: string;
  stepInterrupts: Cleanup[];
  deferred: Cleanup[];
  /** Asks a person; answers false where nobody can answer (no terminal). */
  ask(question: string): Promise<boolean>;
}

export const WORK_ROOT = '.cache/runbooks';

/**
 * Where a runbook keeps its files (clones, a token, the drill's value) while it works on a context.
 * The lock holds one run per context, so runs on two contexts from one checkout must not share
 * a folder: each other context gets its own. The kind cluster's keeps the short path plans show.
 */
export function workDirOf(runbook: string, kubeContext: string): string {
  return kubeContext === KIND_CONTEXT
    ? `${WORK_ROOT}/${runbook}`
    : `${WORK_ROOT}/${contextFileName(kubeContext)}/${runbook}`;
}

export function createContext(state: EngineState, shell: Shell, signal: AbortSignal): StepContext {
  const kubeContext = kubeContextOf(state.options);
  const kubectl = withPrefix(shell, ['kubectl', '--context', kubeContext]);
  const base = {clock: state.clock, signal, commands: state.running};

  async function wait(
    what: string,
    probe: () => Promise<ProbeResult>,
    options: WaitOptions & {describe?: DescribeTarget[]},
  ): Promise<void> {
    const timeoutMs = toMs(options.timeout);
    const onPoll = (elapsedMs: number, detail: string | undefined) =>
      state.emit({type: 'wait', stepId: state.tracker.current.stepId, what, elapsedMs, timeoutMs, detail});
    // Announced before the first probe, so plans and logs name every wait, even one that is over at once.
    onPoll(0, undefined);
    try {
      await waitFor(what, probe, options, {...base, onPoll});
    } catch (error) {
      if (error instanceof WaitTimeoutError) error.describe = options.describe ?? [];
      throw error;
    }
  }

  const ctx: StepContext = {
    runbook: state.runbookId,
    options: state.options,
    kubeContext,
    usesKind: !state.options.context,
    simulated: state.toolchain.kind === 'simulated',
    $: shell,
    kubectl,
    kube: new Kube(kubectl, (what, probe, options) => wait(what, probe, options)),
    files: {
      write: (file, content, mode) => state.toolchain.files.write(path.resolve(state.root, file), content, mode),
      read: (file) => state.toolchain.files.read(path.resolve(state.root, file)),
      exists: (file) => state.toolchain.files.exists(path.resolve(state.root, file)),
      remove: (file) => state.toolchain.files.remove(path.resolve(state.root, file)),
    },
    env: state.toolchain.env,
    workDir: workDirOf(state.runbookId, kubeContext),
    asset: (name) => fs.readFileSync(path.join(state.root, 'runbooks', 'assets', state.runbookId, name), 'utf8'),
    waitFor: wait,
    retry: (fn, options) => retry(fn, options, base),
    isPortFree: (port) => state.toolchain.isPortFree(port),
    secret(value, origin) {
      if (origin) state.origins.record(value, origin);
      return state.redactor.add(value);
    },
    onInterrupt: (label, fn) => void state.stepInterrupts.push({label, fn}),
    defer: (label, fn) => void state.deferred.push({label, fn}),
    async background(label, command, ready) {
      state.running.keepRunning(command);
      const started = await startBackground(command, ready, {
        clock: state.clock,
        kill: (pid) => state.toolchain.kill(pid),
      });
      state.deferred.push({label: `stop ${label}`, fn: () => started.stop()});
      return started.match;
    },
    note: (text) => state.emit({type: 'note', stepId: state.tracker.current.stepId, text}),
    confirm: async (question) => state.options.yes || state.ask(question),
  };
  return ctx;
}
