/** Test helpers: run a runbook (or the CLI) against a fresh simulated world and capture everything. */
import path from 'node:path';
import {Writable} from 'node:stream';
import {main} from '../../../src/cli/runbook';
import {EventBus, type RunEvent} from '../../../src/runbook/events';
import {execute, type RunResult} from '../../../src/runbook/executor';
import {defineRunbook, type Runbook, type RunOptions, type Step} from '../../../src/runbook/model';
import {createSimWorld, type SimWorld} from '../../../src/runbook/sim';
import {type SimCluster, secretValue} from '../../../src/runbook/sim/cluster';
import {planWorld} from '../../../src/runbook/sim/plan-world';

export const ROOT = path.resolve(__dirname, '../../..');

export interface Captured {
  result: RunResult;
  events: RunEvent[];
}

export async function runInSim(
  runbook: Runbook,
  world: SimWorld = createSimWorld(),
  setup: {mode?: 'up' | 'down'; options?: Partial<RunOptions>; signal?: AbortSignal} = {},
): Promise<Captured> {
  const events: RunEvent[] = [];
  const bus = new EventBus();
  bus.on((event) => events.push(event));
  const result = await execute({
    runbook,
    mode: setup.mode ?? 'up',
    options: {yes: true, verbose: false, values: {}, ...setup.options},
    toolchain: world.toolchain(),
    bus,
    root: ROOT,
    signal: setup.signal ?? new AbortController().signal,
  });
  return {result, events};
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cliInSim(
  argv: string[],
  world: SimWorld = createSimWorld(),
  extra: {
    signal?: AbortSignal;
    env?: NodeJS.ProcessEnv;
    lockDir?: string /** stdout claims to be a terminal (for --plan: colour) */;
    tty?: boolean;
  } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: {write: (text: string) => (stdout += text), isTTY: extra.tty},
    stderr: {write: (text: string) => (stderr += text)},
    env: extra.env ?? {},
    root: ROOT,
    toolchain: world.toolchain(),
    signal: extra.signal,
    lockDir: extra.lockDir,
    planWorld,
  });
  return {code, stdout, stderr};
}

export function stepOutcomes(result: RunResult): Record<string, string> {
  return Object.fromEntries(result.steps.map((step) => [step.id, step.outcome]));
}

/**
 * The outcomes of a run in which every step of the runbook ended the same way, to compare with stepOutcomes(result):
 * a failure names the step that did not, and a run that recorded no steps fails too.
 */
export function everyStep(runbook: Runbook, outcome: string): Record<string, string> {
  return Object.fromEntries(runbook.steps.map((step) => [step.id, outcome]));
}

/** A runbook made of these steps and nothing else (no tools, preflight or teardown), for engine tests. */
export function testRunbook(id: string, steps: Step[]): Runbook {
  return defineRunbook({
    id,
    title: id,
    summary: 'test fixture',
    useCases: [],
    needs: [],
    tools: [],
    preflight: [],
    down: [],
    steps,
  });
}

/**
 * A Secret's decoded value, for tests that assert it never leaks. Throws, naming the Secret, when it or the key is
 * missing or empty: `expect(text).not.toContain(undefined)` passes, so a renamed Secret would disarm the test silently.
 */
export function requireSecret(cluster: SimCluster, namespace: string, name: string, key: string): string {
  const value = secretValue(cluster, namespace, name, key);
  if (!value) throw new Error(`test precondition: Secret ${namespace}/${name} has no value for key ${key}`);
  return value;
}

/** A stand-in terminal for the task list: a TTY of 120 x 40 that keeps what reached the screen, in order. */
export function standInTerminal(): NodeJS.WriteStream & {screen: string} {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      stream.screen += String(chunk);
      done();
    },
  }) as unknown as NodeJS.WriteStream & {screen: string};
  return Object.assign(stream, {screen: '', isTTY: true, columns: 120, rows: 40});
}
