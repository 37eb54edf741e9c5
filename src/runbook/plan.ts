/**
 * Plan mode: the exact commands a runbook runs on a fresh machine, without touching this one.
 * The runbook is walked against a fresh simulated world (its prerequisites run there first),
 * and every command it issues is recorded with its step and phase. The site renders pages from
 * this plan, so a page cannot show a command the runbook does not run.
 */
import type {Plan, PlannedCommand, PlannedStep, PlannedVariable, PlannedWait} from '../contract/plan';
import type {CommandVariable} from './credentials';
import {PlanPreflightError} from './errors';
import {EventBus, type RunEvent} from './events';
import {bringUp, execute} from './executor';
import type {Runbook, RunOptions} from './model';
import type {Toolchain} from './toolchain';

/**
 * Where a plan is walked: a machine that answers as the real tools do, in practice the simulated
 * world, which the caller (the CLI, the site plugin) creates. The engine never builds one itself.
 */
export interface PlanMachine {
  toolchain(): Toolchain;
}

export type {Plan, PlannedCommand, PlannedStep, PlannedWait};

export interface PlanRequest {
  runbook: Runbook;
  sourceHash: string;
  /** The runbooks it needs, in dependency order; they run unrecorded in the simulated world first. */
  prerequisites: Runbook[];
  root: string;
  options?: Partial<RunOptions>;
}

export async function planRunbook(request: PlanRequest, world: PlanMachine): Promise<Plan> {
  const [plan] = await planRunbooks([request], request, world);
  return plan!;
}

/**
 * Plans several runbooks on one machine the way `all` runs them: every runbook is brought up in
 * the given order, then torn down in reverse. (Planning each runbook's teardown right after its
 * own steps would delete the cluster before the next runbook is planned.)
 */
export async function planRunbooks(
  runbooks: Array<Pick<PlanRequest, 'runbook' | 'sourceHash'>>,
  setup: Pick<PlanRequest, 'prerequisites' | 'root' | 'options'>,
  world: PlanMachine,
): Promise<Plan[]> {
  // Plans answer every confirmation with yes: they show what a confirmed run does.
  const options: RunOptions = {verbose: false, values: {}, ...setup.options, yes: true};
  await bringUp(setup.prerequisites, {toolchain: world.toolchain(), root: setup.root, options}).catch(
    (error: unknown) => {
      throw new Error(`Plan of ${runbooks[0]?.runbook.id}: ${error instanceof Error ? error.message : String(error)}`);
    },
  );
  const ups: Array<Awaited<ReturnType<typeof record>>> = [];
  for (const {runbook} of runbooks) ups.push(await record(runbook, 'up', options, setup.root, world));
  const downs = new Map<string, PlannedStep[]>();
  for (const {runbook} of [...runbooks].reverse())
    downs.set(runbook.id, (await record(runbook, 'down', options, setup.root, world)).steps);
  return runbooks.map(({runbook, sourceHash}, index) => ({
    id: runbook.id,
    title: runbook.title,
    summary: runbook.summary,
    useCases: runbook.useCases,
    needs: runbook.needs,
    sourceHash,
    tools: runbook.tools
      .filter((tool) => !tool.skip?.(options))
      .map(({name, minVersion, install}) => ({name, minVersion, install})),
    options: runbook.options ?? [],
    preflight: runbook.preflight.filter((check) => !check.skip?.(options)).map(({id, title}) => ({id, title})),
    preflightCommands: ups[index]!.preflightCommands,
    steps: ups[index]!.steps,
    down: downs.get(runbook.id)!,
    next: runbook.next?.(options) ?? [],
  }));
}

async function record(runbook: Runbook, mode: 'up' | 'down', options: RunOptions, root: string, world: PlanMachine) {
  const steps = (mode === 'up' ? runbook.steps : runbook.down).map(
    (step): PlannedStep => ({
      id: step.id,
      title: step.title,
      why: step.why,
      expect: step.expect,
      commands: [],
      waits: [],
    }),
  );
  const byId = new Map(steps.map((step) => [step.id, step]));
  /** The planned command each run command is shown as, for a later command that keeps its answer. */
  const shownAs = new Map<string, PlannedCommand>();
  const preflightCommands: string[] = [];
  const bus = new EventBus();
  bus.on((event: RunEvent) => {
    if (event.type === 'command') {
      if (event.phase === 'preflight') return void pushOnce(preflightCommands, event.command);
      const step = byId.get(event.stepId);
      if (!step || (event.phase !== 'check' && event.phase !== 'action' && event.phase !== 'verify')) return;
      const last = step.commands[step.commands.length - 1];
      // A wait polls the same command many times; the plan lists it once. Two applies of `-f -`
      // differ only in what they feed on stdin, so the input is part of what makes a command new.
      if (last?.command === event.command && last.phase === event.phase && last.input === event.input)
        return void shownAs.set(event.commandId, last);
      const planned: PlannedCommand = {
        phase: event.phase,
        command: event.command,
        input: event.input,
        timeoutMs: event.timeoutMs,
      };
      const env = plannedVariables(event.env ?? [], shownAs);
      if (env.length) planned.env = env;
      if (event.expands?.length) planned.expands = event.expands;
      step.commands.push(planned);
      shownAs.set(event.commandId, planned);
    } else if (event.type === 'wait') {
      const step = byId.get(event.stepId);
      if (step && !step.waits.some((wait) => wait.what === event.what))
        step.waits.push({what: event.what, timeoutMs: event.timeoutMs});
    } else if (event.type === 'step-end') {
      const step = byId.get(event.stepId);
      if (step && event.outcome === 'skipped') step.skipped = event.reason;
      if (step && event.outcome === 'already-done') step.alreadyDone = true;
    }
  });
  const result = await execute({
    runbook,
    mode,
    options,
    toolchain: world.toolchain(),
    bus,
    root,
    signal: new AbortController().signal,
  });
  if (result.outcome === 'preflight-failed') {
    const failing = result.preflight.filter((check) => !check.ok);
    throw new PlanPreflightError(
      runbook.id,
      failing.map((check) => ({problem: check.problem ?? check.title, fix: check.fix ?? ''})),
    );
  }
  if (result.exitCode !== 0) {
    const failed = result.steps.find((step) => step.outcome === 'failed');
    const problems = result.preflight.filter((check) => !check.ok).map((check) => check.problem);
    throw new Error(
      `Plan of ${runbook.id} (${mode}) failed in the simulated toolchain: ${failed?.failure?.message ?? (problems.join('; ') || result.outcome)}`,
    );
  }
  return {steps, preflightCommands};
}

/**
 * The variables a command reads as the plan shows them. One whose value is a field of an earlier
 * command's answer is kept by that command (`keeps`), so the plan lists it there, not here.
 */
function plannedVariables(env: CommandVariable[], shownAs: Map<string, PlannedCommand>): PlannedVariable[] {
  const planned: PlannedVariable[] = [];
  for (const entry of env) {
    if ('from' in entry) {
      planned.push(entry);
      continue;
    }
    const keeper = shownAs.get(entry.answer.commandId);
    if (!keeper) throw new Error(`$${entry.variable} is read from the answer of a command this plan did not record.`);
    keeper.keeps ??= {variable: entry.variable, field: entry.answer.field};
    if (keeper.keeps.variable !== entry.variable || keeper.keeps.field !== entry.answer.field)
      throw new Error(
        `${keeper.command} already keeps .${keeper.keeps.field} as $${keeper.keeps.variable}; $${entry.variable} must be that variable.`,
      );
  }
  return planned;
}

function pushOnce(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
}
