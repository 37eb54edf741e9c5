/**
 * `npm run runbook -- <id|all> [options]`: parses the command line, picks the reporters and
 * writes the evidence. `main` takes its world as arguments (output streams, toolchain, abort
 * signal), so tests drive it exactly as a person or CI does.
 */
import fs from 'node:fs';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {PlanPreflightError, UsageError} from '../runbook/errors';
import {EventBus} from '../runbook/events';
import {execute, EXIT} from '../runbook/executor';
import {RunLockedError} from '../runbook/lock';
import {kubeContextOf, type Runbook, type RunOptions} from '../runbook/model';
import {optionsNpmTook, npmValueOf} from '../runbook/npm-flags';
import {prepareOutputFile, prepareOutputFolder} from '../runbook/output-paths';
import {planRunbooks, type Plan, type PlanMachine} from '../runbook/plan';
import {inDependencyOrder, loadRunbooks, type RunbookEntry} from '../runbook/registry';
import {Redactor} from '../runbook/redact';
import {asciicastRecorder} from '../runbook/reporters/asciicast';
import {detectRunner, gitCommit, toEvidence, toJUnit} from '../runbook/reporters/evidence';
import {plainReporter, type Output} from '../runbook/reporters/plain';
import {formatPlan, wantsColour} from '../runbook/reporters/plan-text';
import {taskListReporter} from '../runbook/reporters/tasklist';
import {posixQuote} from '../runbook/shell';
import {didYouMean} from '../runbook/suggest';
import {checkContextKnown, checkedContext, lockCluster, refuseEmptyValues, shown} from '../runbook/run-target';
import {realToolchain, type Toolchain} from '../runbook/toolchain';

export interface CliIO extends Output {
  stdout: Output['stdout'] & {isTTY?: boolean};
  env: NodeJS.ProcessEnv;
  root: string;
  toolchain?: Toolchain;
  /** Aborted on Ctrl-C, SIGTERM or SIGHUP. */
  signal?: AbortSignal;
  ask?(question: string): Promise<boolean>;
  /**
   * Folder of the per-context run locks. Runs on the real toolchain lock in the machine's
   * temporary folder; a simulated world lives in one process, so simulated runs lock only where
   * a test says.
   */
  lockDir?: string;
  /** The machine `--plan` walks, arranged for these options (the simulator's `planWorld`). */
  planWorld?(options: Pick<RunOptions, 'context' | 'values'>, root: string): PlanMachine;
}

export const USAGE = `Usage: npm run runbook -- <id|all> [options]
       npm run runbook -- --list

Runs a runbook against a Kubernetes cluster (by default the kind cluster "localdev").

Options:
  --list              List the runbooks with their summaries.
  --plan              Print the commands the runbook runs on a fresh machine; changes nothing.
  --json              With --list or --plan: print JSON.
  --report <dir>      Write <dir>/<id>.json (evidence) and <dir>/<id>.junit.xml.
  --record <file>     Write an asciicast v2 transcript (.cast) of the run.
  --context <name>    Use this existing kube context instead of creating a kind cluster.
  --with-needs        Run the runbooks it needs first (reports and transcript cover it alone).
  --down              Tear down what the runbook created (asks first unless --yes).
  --yes               Do not ask before destructive steps (for CI).
  --verbose           Show every command and its output.
  --help              Show this help.
Runbook options are listed by --list.

Put -- between "runbook" and the runbook's arguments: without it npm keeps the options for itself.
One run at a time per cluster: a second run on the same context stops with exit code 2.

Exit codes: 0 ok, 1 a step failed, 2 usage error, 3 preflight failed (nothing changed), 130 interrupted.`;

const COMMON_OPTIONS = {
  list: {type: 'boolean'},
  plan: {type: 'boolean'},
  json: {type: 'boolean'},
  report: {type: 'string'},
  record: {type: 'string'},
  context: {type: 'string'},
  down: {type: 'boolean'},
  'with-needs': {type: 'boolean'},
  yes: {type: 'boolean'},
  verbose: {type: 'boolean'},
  help: {type: 'boolean'},
} as const;

type Parsed = {
  ids: string[];
  flags: {
    list?: boolean;
    plan?: boolean;
    json?: boolean;
    report?: string;
    record?: string;
    context?: string;
    down?: boolean;
    'with-needs'?: boolean;
    yes?: boolean;
    verbose?: boolean;
    help?: boolean;
  };
  values: Record<string, string>;
};

export async function main(argv: string[], io: CliIO): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof RunLockedError) {
      // One or two lines: the help is one command away, and twenty lines of it would bury the error.
      io.stderr.write(
        `Error: ${error.message}\n${error instanceof UsageError ? 'See npm run runbook -- --help for the options.\n' : ''}`,
      );
      return EXIT.usage;
    }
    if (error instanceof PlanPreflightError) {
      for (const {problem, fix} of error.problems)
        io.stderr.write(`Preflight of ${error.runbook} would fail: ${problem}\n${fix ? `  what to do: ${fix}\n` : ''}`);
      return EXIT.preflight;
    }
    // No input may end in a stack trace; --verbose keeps it for whoever debugs the engine.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(
      `Error: ${message}\n${argv.includes('--verbose') && error instanceof Error ? `${error.stack}\n` : ''}`,
    );
    return EXIT.failed;
  }
}

/** Options that only show something; npm may have taken them (see npm-flags.ts) and they are honoured. */
const SHOW_ONLY = new Set(['plan', 'list']);

async function run(argv: string[], io: CliIO): Promise<number> {
  const entries = await loadRunbooks(io.root);
  const parsed = parse(recoverFromNpm(argv, entries, io), entries);
  if (parsed.flags.help) {
    io.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (parsed.flags.list) return list(entries, parsed, io);
  const known = [...entries.keys(), 'all'];
  if (parsed.ids.length !== 1)
    throw new UsageError(
      parsed.ids.length
        ? `Give one runbook id (or all), not ${parsed.ids.map((id) => shown(id)).join(' ')}.`
        : `Which runbook? Known: ${known.join(', ')}.`,
    );
  const [id] = parsed.ids as [string];
  if (!known.includes(id))
    throw new UsageError(
      `Unknown runbook "${shown(id)}".${didYouMean(id, known, (match) => `"${match}"`)} Known: ${known.join(', ')}.`,
    );
  const order = inDependencyOrder(entries, id === 'all' ? [...entries.keys()] : [id]);
  const context = checkedContext(parsed.flags.context);
  const options: RunOptions = {
    context,
    yes: Boolean(parsed.flags.yes),
    verbose: Boolean(parsed.flags.verbose),
    values: parsed.values,
  };
  refuseIdleOptions(parsed.flags);
  if (parsed.flags.plan) {
    const planned = id === 'all' ? order : order.slice(-1);
    checkDeclared(parsed.values, planned, entries);
    return plan(entries, planned, options, parsed.flags.json, io);
  }

  const interactive = Boolean(io.stdout.isTTY) && !io.env.CI;
  // `all` brings up in dependency order and tears down in reverse; a single runbook runs alone
  // unless --with-needs asks for its prerequisites first.
  const runbooks =
    id === 'all'
      ? parsed.flags.down
        ? [...order].reverse()
        : order
      : parsed.flags['with-needs'] && !parsed.flags.down
        ? order
        : order.slice(-1);
  checkDeclared(parsed.values, runbooks, entries);
  if (parsed.flags.down && !options.yes && !interactive)
    throw new UsageError('Refusing to tear down without --yes when nobody can confirm (not a terminal).');
  const evidenceFor = new Set(id === 'all' ? order.map((runbook) => runbook.id) : [id]);
  prepareOutputs(parsed.flags, [...evidenceFor]);
  const toolchain = io.toolchain ?? realToolchain();
  if (context !== undefined) await checkContextKnown(context, toolchain, io.root, io.signal);
  const lock = lockCluster(kubeContextOf(options), id, toolchain, io.lockDir);
  try {
    return await runAll(runbooks, evidenceFor, entries, options, parsed, interactive, toolchain, io);
  } finally {
    lock?.release();
  }
}

/** Options that would do nothing here are refused, so nobody waits for a report a plan never writes. */
function refuseIdleOptions(flags: Parsed['flags']): void {
  if (flags.json && !flags.plan)
    throw new UsageError('--json works with --plan or --list; a run writes JSON with --report.');
  if (!flags.plan) return;
  const idle = (['report', 'record'] as const).filter((name) => flags[name] !== undefined);
  if (idle.length)
    throw new UsageError(
      `--plan changes nothing and writes no ${idle.map((name) => `--${name}`).join(' or ')}: a plan has no evidence. Leave ${idle.length > 1 ? 'them' : 'it'} out, or drop --plan to run.`,
    );
}

/**
 * Options npm kept for itself (the user left out `--`). Options that only show something are read
 * as given; any other is refused, so a swallowed --down can never become a run that brings up.
 */
function recoverFromNpm(argv: string[], entries: Map<string, RunbookEntry>, io: CliIO): string[] {
  const given = (name: string) => argv.some((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  const ours = new Map(Object.entries(allOptions(entries)).map(([name, option]) => [name, option.type]));
  const taken = optionsNpmTook(io.env, ours).filter((name) => !given(name));
  if (!taken.length) return argv;
  const asGiven = taken.map((name) => {
    const value = npmValueOf(io.env, name);
    return value === undefined
      ? `--${name}${ours.get(name) === 'string' ? ' <value>' : ''}`
      : `--${name}=${posixQuote(value)}`;
  });
  const instead = `npm run runbook -- ${[argv[0] ?? '<id>', ...asGiven].join(' ')}`;
  const refused = taken.filter((name) => !SHOW_ONLY.has(name));
  if (refused.length) {
    throw new UsageError(
      `npm kept ${refused.map((name) => `--${name}`).join(', ')} for itself (the options came before a --), so the runbook never received them. Nothing was run. Run: ${instead}`,
    );
  }
  io.stderr.write(
    `Note: npm kept ${taken.map((name) => `--${name}`).join(', ')} for itself; read as the runbook's own. Next time run: ${instead}\n`,
  );
  return [...argv, ...taken.map((name) => `--${name}`)];
}

/** An option of a runbook that does not run here is a mistake, not something to ignore. */
export function checkDeclared(
  values: Record<string, string>,
  runbooks: Runbook[],
  entries: Map<string, RunbookEntry>,
): void {
  const declared = runbookOptionsOf(runbooks);
  for (const name of Object.keys(values)) {
    if (declared.has(name)) continue;
    const owners = [...entries.values()]
      .filter(({runbook}) => runbook.options?.some((option) => option.name === name))
      .map(({runbook}) => runbook.id);
    const them = runbooks.map((runbook) => runbook.id).join(', ');
    const hint = declared.size
      ? ` Its options: ${[...declared.keys()].map((option) => `--${option}`).join(', ')}.`
      : ' It has no options of its own.';
    throw new UsageError(`--${name} is an option of ${owners.join(', ')}, not of ${them}.${hint}`);
  }
}

function prepareOutputs(flags: Parsed['flags'], ids: string[]): void {
  if (flags.report) {
    prepareOutputFolder(flags.report, '--report');
    for (const id of ids)
      for (const file of [`${id}.json`, `${id}.junit.xml`])
        prepareOutputFile(path.join(flags.report, file), '--report');
  }
  if (flags.record) prepareOutputFile(flags.record, '--record');
}

export function runbookOptionsOf(runbooks: Runbook[]): Map<string, {type: 'string' | 'boolean'}> {
  const options = new Map<string, {type: 'string' | 'boolean'}>();
  for (const runbook of runbooks)
    for (const option of runbook.options ?? []) options.set(option.name, {type: option.flag ? 'boolean' : 'string'});
  return options;
}

/** The CLI's options and every runbook's: all are parsed, and checkDeclared sorts out whose they are. */
function allOptions(entries: Map<string, RunbookEntry>): Record<string, {type: 'string' | 'boolean'}> {
  return {
    ...COMMON_OPTIONS,
    ...Object.fromEntries(runbookOptionsOf([...entries.values()].map((entry) => entry.runbook))),
  };
}

/**
 * The options a typo may have meant: the CLI's own and those of the runbook named (every
 * runbook's for `all`). Another runbook's option would only be refused next (checkDeclared).
 */
function meantOptions(named: string[], entries: Map<string, RunbookEntry>): string[] {
  const runbooks = named.includes('all') ? [...entries.values()] : named.flatMap((id) => entries.get(id) ?? []);
  return [...Object.keys(COMMON_OPTIONS), ...runbookOptionsOf(runbooks.map((entry) => entry.runbook)).keys()];
}

function parse(argv: string[], entries: Map<string, RunbookEntry>): Parsed {
  const runbookOptions = runbookOptionsOf([...entries.values()].map((entry) => entry.runbook));
  const options = allOptions(entries);
  // Unknown names first, with a suggestion; parseArgs then finds missing or ambiguous values.
  const {tokens} = parseArgs({args: argv, options, allowPositionals: true, strict: false, tokens: true});
  const named = tokens.flatMap((token) => (token.kind === 'positional' ? [token.value] : []));
  for (const token of tokens) {
    if (token.kind === 'option' && !(token.name in options)) {
      throw new UsageError(
        `Unknown option ${shown(token.rawName)}.${didYouMean(token.name, meantOptions(named, entries), (name) => `--${name}`)}`,
      );
    }
  }
  try {
    const {values, positionals} = parseArgs({args: argv, options, allowPositionals: true, strict: true});
    refuseEmptyValues(values);
    // Runbooks read every option as text; a given switch reads "true".
    const own = Object.fromEntries(
      Object.entries(values)
        .filter(([name]) => runbookOptions.has(name))
        .map(([name, value]) => [name, String(value)]),
    );
    return {ids: positionals, flags: values as Parsed['flags'], values: own};
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function list(entries: Map<string, RunbookEntry>, parsed: Parsed, io: CliIO): number {
  const runbooks = [...entries.values()].map((entry) => entry.runbook);
  if (parsed.flags.json) {
    io.stdout.write(
      `${JSON.stringify(
        runbooks.map(({id, title, summary, needs, options}) => ({id, title, summary, needs, options: options ?? []})),
        null,
        2,
      )}\n`,
    );
    return EXIT.ok;
  }
  for (const runbook of runbooks) {
    io.stdout.write(`${runbook.id.padEnd(16)} ${runbook.summary}\n`);
    if (runbook.needs.length) io.stdout.write(`${''.padEnd(16)} needs: ${runbook.needs.join(', ')}\n`);
    for (const option of runbook.options ?? [])
      io.stdout.write(
        `${''.padEnd(16)} --${option.name}${option.flag ? '' : ' <value>'}  ${option.description}${option.default ? ` (default: ${option.default})` : ''}\n`,
      );
  }
  io.stdout.write(`${'all'.padEnd(16)} Every runbook above, in dependency order, on one cluster.\n`);
  return EXIT.ok;
}

async function plan(
  entries: Map<string, RunbookEntry>,
  runbooks: Runbook[],
  options: RunOptions,
  json: boolean | undefined,
  io: CliIO,
): Promise<number> {
  const prerequisites = inDependencyOrder(entries, [runbooks[0]!.id]).slice(0, -1);
  const planned = runbooks.map((runbook) => ({runbook, sourceHash: entries.get(runbook.id)!.sourceHash}));
  // The engine does not import the simulator; whoever runs the CLI hands it over.
  if (!io.planWorld)
    throw new Error('--plan needs a simulated machine to walk, and this caller of main() gave none (io.planWorld).');
  const plans: Plan[] = await planRunbooks(
    planned,
    {prerequisites, root: io.root, options},
    io.planWorld(options, io.root),
  );
  io.stdout.write(
    json
      ? `${JSON.stringify(plans.length === 1 ? plans[0] : plans, null, 2)}\n`
      : plans.map((plan) => formatPlan(plan, {colour: wantsColour(io.stdout, io.env)})).join('\n'),
  );
  return EXIT.ok;
}

async function runAll(
  runbooks: Runbook[],
  evidenceFor: Set<string>,
  entries: Map<string, RunbookEntry>,
  options: RunOptions,
  parsed: Parsed,
  interactive: boolean,
  toolchain: Toolchain,
  io: CliIO,
): Promise<number> {
  const signal = io.signal ?? new AbortController().signal;
  const redactor = new Redactor();
  const recorded = runbooks.filter((runbook) => evidenceFor.has(runbook.id));
  const recorder = parsed.flags.record
    ? asciicastRecorder(recorded.map((runbook) => runbook.title).join(', '), toolchain.clock, redactor)
    : undefined;
  let exitCode: number = EXIT.ok;
  for (const runbook of runbooks) {
    const mode = parsed.flags.down ? 'down' : 'up';
    const bus = new EventBus();
    const withEvidence = evidenceFor.has(runbook.id);
    if (recorder && withEvidence) bus.on(recorder.listener);
    const taskList = interactive
      ? taskListReporter(
          mode === 'up' ? runbook.steps : runbook.down,
          io as CliIO & {stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream},
          options.verbose,
        )
      : undefined;
    bus.on(taskList?.listener ?? plainReporter(io, {verbose: options.verbose}));
    // The question must not be drawn over by the task list (or buffered behind it) while it waits.
    const ask = io.ask && taskList ? (question: string) => taskList.pausedFor(() => io.ask!(question)) : io.ask;
    const result = await execute({runbook, mode, options, toolchain, bus, root: io.root, signal, redactor, ask});
    await taskList?.finished();
    if (recorder && parsed.flags.record && withEvidence) writeFile(parsed.flags.record, recorder.text());
    if (parsed.flags.report && withEvidence) {
      const entry = entries.get(runbook.id)!;
      const transcript =
        parsed.flags.record && recorded.length === 1
          ? path.relative(parsed.flags.report, parsed.flags.record)
          : undefined;
      const evidence = toEvidence(result, {
        sourceHash: entry.sourceHash,
        gitCommit: gitCommit(io.root),
        runner: detectRunner(io.env),
        transcript,
      });
      writeFile(path.join(parsed.flags.report, `${runbook.id}.json`), `${JSON.stringify(evidence, null, 2)}\n`);
      writeFile(path.join(parsed.flags.report, `${runbook.id}.junit.xml`), toJUnit(evidence));
    }
    exitCode = result.exitCode;
    if (exitCode !== EXIT.ok) break;
  }
  return exitCode;
}

function writeFile(file: string, content: string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), {recursive: true});
  fs.writeFileSync(file, content);
}
