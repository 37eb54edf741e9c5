/**
 * Runs one runbook: preflight, then the steps in order (or the `down` steps), stopping at the
 * first failure. It emits events for live output and returns the result that reports are made
 * of. Exit codes: 0 ok, 1 step failed, 3 preflight failed, 130 interrupted.
 */
import {ProcessOutput} from 'zx/core';
import {formatDuration} from './clock';
import {createContext, type Cleanup, type EngineState, type StepContext} from './context';
import {ValueOrigins} from './credentials';
import {collectDiagnostics} from './diagnostics';
import {StepSkipped} from './errors';
import {
  EventBus,
  type Diagnostic,
  type RunEvent,
  type RunOutcome,
  type StepFailureInfo,
  type StepOutcome,
} from './events';
import {kubeContextOf, type Runbook, type RunOptions, type Step} from './model';
import {checkTool} from './preflight';
import {Redactor} from './redact';
import {CommandTracker, createShell, RunningCommands, type CommandRecord} from './shell';
import type {Toolchain} from './toolchain';

export const EXIT = {ok: 0, failed: 1, usage: 2, preflight: 3, interrupted: 130} as const;

export interface PreflightRecord {
  id: string;
  title: string;
  ok: boolean;
  skipped?: string;
  detail?: string;
  problem?: string;
  fix?: string;
}

export interface CommandSummary {
  command: string;
  exitCode: number | null;
  durationMs: number;
}

export interface StepRecord {
  id: string;
  title: string;
  outcome: StepOutcome;
  durationMs: number;
  reason?: string;
  commands: CommandSummary[];
  failure?: StepFailureInfo;
  diagnostics?: Diagnostic[];
}

export interface RunResult {
  runbook: string;
  title: string;
  mode: 'up' | 'down';
  outcome: RunOutcome;
  exitCode: number;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  simulated: boolean;
  kubeContext: string;
  tools: Record<string, string>;
  kubernetesVersion?: string;
  preflight: PreflightRecord[];
  steps: StepRecord[];
  notes: string[];
}

export interface ExecuteRequest {
  runbook: Runbook;
  mode: 'up' | 'down';
  options: RunOptions;
  toolchain: Toolchain;
  bus: EventBus;
  /** Repository root: runbook assets and the work folder are resolved from here. */
  root: string;
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
  redactor?: Redactor;
  ask?(question: string): Promise<boolean>;
}

export async function execute(request: ExecuteRequest): Promise<RunResult> {
  const {runbook, toolchain, signal} = request;
  const redactor = request.redactor ?? new Redactor();
  const clock = toolchain.clock;
  const notes: string[] = [];
  // Output of a command that prints secrets is held back until the runbook moves on: by then it
  // has registered the secrets it read (ctx.secret), so even its stderr is redacted by value.
  const held: RunEvent[] = [];
  const publish = (event: RunEvent) => {
    const clean = redactor.redactDeep(event);
    if (clean.type === 'note') notes.push(clean.text);
    request.bus.emit(clean);
  };
  const emit = (event: RunEvent) => {
    for (const waiting of held.splice(0)) publish(waiting);
    publish(event);
  };
  const stepCommands = new Map<string, CommandSummary[]>();

  const tracker = new CommandTracker(
    {
      onCommand: (record) =>
        emit({
          type: 'command',
          stepId: record.stepId,
          phase: record.phase,
          commandId: record.id,
          command: record.command,
          input: record.input,
          expands: record.expands,
          timeoutMs: record.timeoutMs,
          env: record.env,
        }),
      onOutput: (record, stream, text) => {
        const event: RunEvent = {type: 'output', stepId: record.stepId, stream, text};
        if (record.secretOutput) held.push(event);
        else emit(event);
      },
      onEnd: (record) => {
        const summary = {
          command: record.command,
          exitCode: record.exitCode ?? null,
          durationMs: record.durationMs ?? 0,
        };
        if (isStepPhase(record)) stepCommands.set(record.stepId, [...(stepCommands.get(record.stepId) ?? []), summary]);
        const event: RunEvent = {
          type: 'command-end',
          stepId: record.stepId,
          command: record.command,
          exitCode: summary.exitCode,
          durationMs: summary.durationMs,
        };
        if (record.secretOutput) held.push(event);
        else emit(event);
      },
    },
    clock,
  );
  const running = new RunningCommands(clock, toolchain.kill, tracker);
  const origins = new ValueOrigins();
  const state: EngineState = {
    runbookId: runbook.id,
    options: request.options,
    toolchain,
    tracker,
    running,
    clock,
    redactor,
    origins,
    emit,
    root: request.root,
    stepInterrupts: [],
    deferred: [],
    ask: request.ask ?? (async () => false),
  };
  const ctx = createContext(
    state,
    createShell({toolchain, tracker, running, signal, cwd: request.root, origins}),
    signal,
  );
  // Cleanups and diagnostics must still run after Ctrl-C aborted the run's own commands.
  const afterwards = new AbortController();
  const cleanupCtx = createContext(
    state,
    createShell({toolchain, tracker, running, signal: afterwards.signal, cwd: request.root, origins}),
    afterwards.signal,
  );

  const steps = request.mode === 'up' ? runbook.steps : runbook.down;
  const startedAt = new Date();
  const started = clock.now();
  emit({type: 'run-start', runbook: runbook.id, title: runbook.title, mode: request.mode, stepCount: steps.length});

  const result: RunResult = {
    runbook: runbook.id,
    title: runbook.title,
    mode: request.mode,
    outcome: 'passed',
    exitCode: EXIT.ok,
    startedAt: startedAt.toISOString(),
    finishedAt: '',
    durationMs: 0,
    simulated: toolchain.kind === 'simulated',
    kubeContext: kubeContextOf(request.options),
    tools: {},
    preflight: [],
    steps: [],
    notes,
  };

  await runPreflight(runbook, request.mode, ctx, request.options, result, emit, signal);
  if (signal.aborted) {
    result.outcome = 'interrupted';
  } else if (result.preflight.some((check) => !check.ok)) {
    result.outcome = 'preflight-failed';
  } else {
    await runSteps(steps, ctx, cleanupCtx, state, result, emit, stepCommands, signal);
  }

  for (const cleanup of state.deferred.reverse()) await runCleanup(cleanup, cleanupCtx, emit);
  // Nothing the run started outlives it (a probe abandoned at its deadline, a forgotten command).
  await running.stopAll();

  if (result.outcome === 'passed' || result.outcome === 'failed') {
    tracker.current = {stepId: 'environment', phase: 'environment'};
    result.kubernetesVersion = await serverVersion(cleanupCtx);
  }
  if (result.outcome === 'passed' && request.mode === 'up') {
    for (const line of runbook.next?.(request.options) ?? []) emit({type: 'note', text: line});
  }

  result.exitCode = exitCodeOf(result.outcome);
  result.durationMs = clock.now() - started;
  result.finishedAt = new Date().toISOString();
  emit({
    type: 'run-end',
    outcome: result.outcome,
    exitCode: result.exitCode,
    durationMs: result.durationMs,
    message: summaryOf(result),
  });
  return redactor.redactDeep(result);
}

function isStepPhase(record: CommandRecord): boolean {
  return record.phase === 'check' || record.phase === 'action' || record.phase === 'verify';
}

async function runPreflight(
  runbook: Runbook,
  mode: 'up' | 'down',
  ctx: StepContext,
  options: RunOptions,
  result: RunResult,
  emit: (e: RunEvent) => void,
  signal: AbortSignal,
) {
  for (const tool of runbook.tools) {
    if (signal.aborted) return;
    const skipped = tool.skip?.(options);
    const id = `tool-${tool.name}`;
    const title = `${tool.name} ${tool.minVersion} or newer is installed`;
    if (skipped) {
      result.preflight.push({id, title, ok: true, skipped});
      continue;
    }
    const {result: check, version} = await checkTool(tool, ctx);
    if (version) result.tools[tool.name] = version;
    record(id, title, check);
  }
  for (const check of runbook.preflight.filter((candidate) => mode === 'up' || !candidate.upOnly)) {
    if (signal.aborted) return;
    const skipped = check.skip?.(options);
    if (skipped) {
      result.preflight.push({id: check.id, title: check.title, ok: true, skipped});
      continue;
    }
    record(check.id, check.title, await check.run(ctx));
  }

  function record(id: string, title: string, check: Awaited<ReturnType<Runbook['preflight'][number]['run']>>) {
    const entry: PreflightRecord = check.ok
      ? {id, title, ok: true, detail: check.detail}
      : {id, title, ok: false, problem: check.problem, fix: check.fix};
    result.preflight.push(entry);
    emit({type: 'preflight', ...entry});
  }
}

async function runSteps(
  steps: Step[],
  ctx: StepContext,
  cleanupCtx: StepContext,
  state: EngineState,
  result: RunResult,
  emit: (e: RunEvent) => void,
  stepCommands: Map<string, CommandSummary[]>,
  signal: AbortSignal,
) {
  const clock = state.toolchain.clock;
  for (const [index, step] of steps.entries()) {
    const base = {id: step.id, title: step.title};
    const skipped = step.skip?.(state.options);
    if (result.outcome !== 'passed' || skipped) {
      const outcome: StepOutcome = skipped && result.outcome === 'passed' ? 'skipped' : 'not-run';
      result.steps.push({...base, outcome, durationMs: 0, reason: skipped || undefined, commands: []});
      if (outcome === 'skipped')
        emit({type: 'step-end', stepId: step.id, outcome, durationMs: 0, reason: skipped || undefined});
      continue;
    }
    emit({type: 'step-start', stepId: step.id, title: step.title, index: index + 1, total: steps.length});
    const started = clock.now();
    state.stepInterrupts = [];
    state.tracker.lastFailed = undefined;
    const finish = (outcome: StepOutcome, extra: Partial<StepRecord> = {}) => {
      const durationMs = clock.now() - started;
      const entry: StepRecord = {...base, outcome, durationMs, commands: stepCommands.get(step.id) ?? [], ...extra};
      result.steps.push(entry);
      emit({
        type: 'step-end',
        stepId: step.id,
        outcome,
        durationMs,
        reason: entry.reason,
        failure: entry.failure,
        diagnostics: entry.diagnostics,
      });
    };
    try {
      finish(await runStep(step, ctx, state));
    } catch (error) {
      if (error instanceof StepSkipped && !signal.aborted) {
        finish('skipped', {reason: error.reason});
        continue;
      }
      if (signal.aborted) {
        state.tracker.current = {stepId: step.id, phase: 'cleanup'};
        for (const cleanup of state.stepInterrupts.reverse()) await runCleanup(cleanup, cleanupCtx, emit);
        result.outcome = 'interrupted';
        finish('interrupted', {reason: 'interrupted (Ctrl-C)'});
        continue;
      }
      const failure = describeFailure(error, state.tracker.lastFailed);
      // A check only reads state; when it throws, say so, or the failure reads like the action's.
      if (state.tracker.current.phase === 'check')
        failure.message = `The check of step "${step.id}" crashed: ${failure.message}`;
      state.tracker.current = {stepId: step.id, phase: 'diagnostics'};
      const diagnostics = await collectDiagnostics(cleanupCtx, error);
      result.outcome = 'failed';
      finish('failed', {failure, diagnostics});
    }
  }
}

async function runStep(step: Step, ctx: StepContext, state: EngineState): Promise<StepOutcome> {
  const phase = (name: 'check' | 'action' | 'verify') => (state.tracker.current = {stepId: step.id, phase: name});
  if (step.check) {
    phase('check');
    if (await step.check(ctx)) return 'already-done';
  }
  if (step.action) {
    phase('action');
    await step.action(ctx);
  }
  if (step.verify) {
    phase('verify');
    await step.verify(ctx);
  }
  return 'passed';
}

async function runCleanup(cleanup: Cleanup, ctx: StepContext, emit: (e: RunEvent) => void) {
  try {
    await cleanup.fn(ctx);
    emit({type: 'note', text: `Cleaned up: ${cleanup.label}`});
  } catch (error) {
    emit({
      type: 'note',
      text: `Cleanup failed (${cleanup.label}): ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}

function describeFailure(error: unknown, lastFailed: CommandRecord | undefined): StepFailureInfo {
  if (error instanceof ProcessOutput && lastFailed) {
    const stderrTail = lastFailed.stderrTail.join('\n');
    const message = lastFailed.timedOut
      ? `Command did not finish within its time limit of ${formatDuration(lastFailed.timeLimitMs ?? 0)} and was stopped: ${lastFailed.command}`
      : `Command failed with exit code ${lastFailed.exitCode ?? lastFailed.signal}: ${lastFailed.command}`;
    return {message, command: lastFailed.command, exitCode: lastFailed.exitCode ?? null, stderrTail};
  }
  const message = error instanceof Error ? error.message : String(error);
  // A step that reads a command's result itself (nothrow) words its own failure, but cannot tell
  // that the engine stopped the command at its time limit: say so, before the step's advice.
  if (lastFailed?.timedOut) {
    const stopped = `${lastFailed.command} did not finish within its time limit of ${formatDuration(lastFailed.timeLimitMs ?? 0)} and was stopped.`;
    const advice = message.indexOf('\nWhat to do: ');
    return {
      message:
        advice < 0 ? `${message}\n${stopped}` : `${message.slice(0, advice)}\n${stopped}${message.slice(advice)}`,
      command: lastFailed.command,
      exitCode: null,
    };
  }
  return {message};
}

async function serverVersion(ctx: StepContext): Promise<string | undefined> {
  const output = await ctx.kubectl`version -o json`.nothrow();
  try {
    return (JSON.parse(output.stdout) as {serverVersion?: {gitVersion?: string}}).serverVersion?.gitVersion;
  } catch {
    return undefined;
  }
}

function exitCodeOf(outcome: RunOutcome): number {
  switch (outcome) {
    case 'passed':
      return EXIT.ok;
    case 'failed':
      return EXIT.failed;
    case 'preflight-failed':
      return EXIT.preflight;
    case 'interrupted':
      return EXIT.interrupted;
  }
}

function summaryOf(result: RunResult): string {
  switch (result.outcome) {
    case 'passed':
      return `${result.title}: done in ${formatDuration(result.durationMs)}`;
    case 'preflight-failed':
      return `${result.title}: preflight failed, nothing was changed`;
    case 'interrupted':
      return `${result.title}: interrupted`;
    case 'failed': {
      const failed = result.steps.find((step) => step.outcome === 'failed');
      return `${result.title}: step "${failed?.title}" failed`;
    }
  }
}

/**
 * Brings runbooks up in order, unrecorded and answering yes, as `--with-needs` runs the runbooks
 * one needs before it: for plans, rehearsals and fixtures that start from a prepared machine.
 * Throws naming the first one that does not pass.
 */
export async function bringUp(
  runbooks: Runbook[],
  setup: {toolchain: Toolchain; root: string; options?: Partial<RunOptions>},
): Promise<void> {
  const options: RunOptions = {verbose: false, values: {}, ...setup.options, yes: true};
  for (const runbook of runbooks) {
    const result = await execute({
      runbook,
      mode: 'up',
      options,
      toolchain: setup.toolchain,
      bus: new EventBus(),
      root: setup.root,
      signal: new AbortController().signal,
    });
    if (result.exitCode !== 0)
      throw new Error(`${runbook.id}, needed first, did not pass on this machine (${result.outcome})`);
  }
}
