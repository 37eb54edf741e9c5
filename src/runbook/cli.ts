/**
 * `npm run runbook -- <id|all> [options]`: parses the command line, picks the reporters and
 * writes the evidence. `main` takes its world as arguments (output streams, toolchain, abort
 * signal), so tests drive it exactly as a person or CI does.
 */
import fs from 'node:fs';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {formatDuration} from './clock';
import {UsageError} from './errors';
import {EventBus} from './events';
import {execute, EXIT} from './executor';
import type {Runbook, RunOptions} from './model';
import {displayCommand, planRunbooks, type Plan, type PlannedStep} from './plan';
import {inDependencyOrder, loadRunbooks, type RunbookEntry} from './registry';
import {Redactor} from './redact';
import {asciicastRecorder} from './reporters/asciicast';
import {detectRunner, gitCommit, toEvidence, toJUnit} from './reporters/evidence';
import {plainReporter, type Output} from './reporters/plain';
import {taskListReporter} from './reporters/tasklist';
import {createSimWorld} from './sim';
import {realToolchain, type Toolchain} from './toolchain';

export interface CliIO extends Output {
  stdout: Output['stdout'] & {isTTY?: boolean};
  env: NodeJS.ProcessEnv;
  root: string;
  toolchain?: Toolchain;
  /** Aborted on Ctrl-C. */
  signal?: AbortSignal;
  ask?(question: string): Promise<boolean>;
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
  flags: {list?: boolean; plan?: boolean; json?: boolean; report?: string; record?: string; context?: string; down?: boolean; 'with-needs'?: boolean; yes?: boolean; verbose?: boolean; help?: boolean};
  values: Record<string, string>;
};

export async function main(argv: string[], io: CliIO): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`Error: ${error.message}\n\n${USAGE}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const entries = await loadRunbooks(io.root);
  const parsed = parse(argv, entries);
  if (parsed.flags.help) {
    io.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (parsed.flags.list) return list(entries, parsed, io);
  if (parsed.ids.length !== 1) throw new UsageError(parsed.ids.length ? 'Give one runbook id (or all).' : `Which runbook? Known: ${[...entries.keys()].join(', ')}, all.`);
  const [id] = parsed.ids as [string];
  if (id !== 'all' && !entries.has(id)) throw new UsageError(`Unknown runbook "${id}". Known: ${[...entries.keys()].join(', ')}, all.`);
  const order = inDependencyOrder(entries, id === 'all' ? [...entries.keys()] : [id]);
  const options: RunOptions = {context: parsed.flags.context, yes: Boolean(parsed.flags.yes), verbose: Boolean(parsed.flags.verbose), values: parsed.values};
  if (parsed.flags.plan) return plan(entries, id === 'all' ? order : order.slice(-1), options, parsed.flags.json, io);

  const interactive = Boolean(io.stdout.isTTY) && !io.env.CI;
  if (parsed.flags.down && !options.yes && !interactive) throw new UsageError('Refusing to tear down without --yes when nobody can confirm (not a terminal).');
  // `all` brings up in dependency order and tears down in reverse; a single runbook runs alone
  // unless --with-needs asks for its prerequisites first.
  const runbooks = id === 'all' ? (parsed.flags.down ? [...order].reverse() : order) : parsed.flags['with-needs'] && !parsed.flags.down ? order : order.slice(-1);
  const evidenceFor = new Set(id === 'all' ? order.map((runbook) => runbook.id) : [id]);
  return runAll(runbooks, evidenceFor, entries, options, parsed, interactive, io);
}

function parse(argv: string[], entries: Map<string, RunbookEntry>): Parsed {
  const runbookOptions = new Map<string, {type: 'string' | 'boolean'}>();
  for (const {runbook} of entries.values()) for (const option of runbook.options ?? []) runbookOptions.set(option.name, {type: option.flag ? 'boolean' : 'string'});
  try {
    const {values, positionals} = parseArgs({args: argv, options: {...COMMON_OPTIONS, ...Object.fromEntries(runbookOptions)}, allowPositionals: true, strict: true});
    // Runbooks read every option as text; a given switch reads "true".
    const own = Object.fromEntries(Object.entries(values).filter(([name]) => runbookOptions.has(name)).map(([name, value]) => [name, String(value)]));
    return {ids: positionals, flags: values as Parsed['flags'], values: own};
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function list(entries: Map<string, RunbookEntry>, parsed: Parsed, io: CliIO): number {
  const runbooks = [...entries.values()].map((entry) => entry.runbook);
  if (parsed.flags.json) {
    io.stdout.write(JSON.stringify(runbooks.map(({id, title, summary, needs, options}) => ({id, title, summary, needs, options: options ?? []})), null, 2) + '\n');
    return EXIT.ok;
  }
  for (const runbook of runbooks) {
    io.stdout.write(`${runbook.id.padEnd(16)} ${runbook.summary}\n`);
    if (runbook.needs.length) io.stdout.write(`${''.padEnd(16)} needs: ${runbook.needs.join(', ')}\n`);
    for (const option of runbook.options ?? []) io.stdout.write(`${''.padEnd(16)} --${option.name}${option.flag ? '' : ' <value>'}  ${option.description}${option.default ? ` (default: ${option.default})` : ''}\n`);
  }
  io.stdout.write(`${'all'.padEnd(16)} Every runbook above, in dependency order, on one cluster.\n`);
  return EXIT.ok;
}

async function plan(entries: Map<string, RunbookEntry>, runbooks: Runbook[], options: RunOptions, json: boolean | undefined, io: CliIO): Promise<number> {
  const prerequisites = inDependencyOrder(entries, [runbooks[0]!.id]).slice(0, -1);
  const planned = runbooks.map((runbook) => ({runbook, sourceHash: entries.get(runbook.id)!.sourceHash}));
  const plans: Plan[] = await planRunbooks(planned, {prerequisites, root: io.root, options}, createSimWorld());
  io.stdout.write(json ? JSON.stringify(plans.length === 1 ? plans[0] : plans, null, 2) + '\n' : plans.map(formatPlan).join('\n'));
  return EXIT.ok;
}

export function formatPlan(plan: Plan): string {
  const lines = [`Plan: ${plan.title} (${plan.id})`, `  ${plan.summary}`, `  source: ${plan.sourceHash}`];
  if (plan.needs.length) lines.push(`  needs: ${plan.needs.join(', ')} (run first)`);
  lines.push(`  tools: ${plan.tools.map((tool) => `${tool.name} >= ${tool.minVersion}`).join(', ')}`, 'Preflight (read-only):');
  for (const check of plan.preflight) lines.push(`  - ${check.title}`);
  for (const command of plan.preflightCommands) lines.push(`    $ ${command}`);
  const steps = (title: string, planned: PlannedStep[]) => {
    lines.push(title);
    planned.forEach((step, index) => {
      lines.push(`  ${index + 1}. ${step.title}${step.skipped ? ` (skipped: ${step.skipped})` : ''}${step.alreadyDone ? ' (already done by then on a fresh machine)' : ''}`);
      for (const command of step.commands) {
        const limit = command.timeoutMs ? ` (time limit ${formatDuration(command.timeoutMs)})` : '';
        lines.push(`     ${command.phase.padEnd(6)} $ ${displayCommand(command).split('\n').join('\n              ')}${limit}`);
      }
      for (const wait of step.waits) lines.push(`     waits up to ${formatDuration(wait.timeoutMs)} for ${wait.what}`);
    });
  };
  steps('Steps:', plan.steps);
  steps('Tear down (--down):', plan.down);
  return lines.join('\n') + '\n';
}

async function runAll(
  runbooks: Runbook[],
  evidenceFor: Set<string>,
  entries: Map<string, RunbookEntry>,
  options: RunOptions,
  parsed: Parsed,
  interactive: boolean,
  io: CliIO,
): Promise<number> {
  const toolchain = io.toolchain ?? realToolchain();
  const signal = io.signal ?? new AbortController().signal;
  const redactor = new Redactor();
  const recorded = runbooks.filter((runbook) => evidenceFor.has(runbook.id));
  const recorder = parsed.flags.record ? asciicastRecorder(recorded.map((runbook) => runbook.title).join(', '), toolchain.clock, redactor) : undefined;
  let exitCode: number = EXIT.ok;
  for (const runbook of runbooks) {
    const mode = parsed.flags.down ? 'down' : 'up';
    const bus = new EventBus();
    const withEvidence = evidenceFor.has(runbook.id);
    if (recorder && withEvidence) bus.on(recorder.listener);
    const taskList = interactive ? taskListReporter(mode === 'up' ? runbook.steps : runbook.down, io as CliIO & {stdout: NodeJS.WriteStream}, options.verbose) : undefined;
    bus.on(taskList?.listener ?? plainReporter(io, {verbose: options.verbose}));
    const result = await execute({runbook, mode, options, toolchain, bus, root: io.root, signal, redactor, ask: io.ask});
    await taskList?.finished();
    if (recorder && parsed.flags.record && withEvidence) writeFile(parsed.flags.record, recorder.text());
    if (parsed.flags.report && withEvidence) {
      const entry = entries.get(runbook.id)!;
      const transcript = parsed.flags.record && recorded.length === 1 ? path.relative(parsed.flags.report, parsed.flags.record) : undefined;
      const evidence = toEvidence(result, {sourceHash: entry.sourceHash, gitCommit: gitCommit(io.root), runner: detectRunner(io.env), transcript});
      writeFile(path.join(parsed.flags.report, `${runbook.id}.json`), JSON.stringify(evidence, null, 2) + '\n');
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
