/**
 * A stand-in for `child_process.spawn` that zx accepts: it parses the shell command zx would hand
 * to bash, asks the simulated world for an answer, and plays it back as a child process would
 * (stdout and stderr streams, exit code, `close` event, killed by a signal or an abort).
 */
import type childProcess from 'node:child_process';
import {EventEmitter} from 'node:events';
import {PassThrough, Writable} from 'node:stream';
import {parse} from 'shell-quote';

export interface SimExit {
  exitCode: number;
  stdout?: string;
  stderr?: string;
}

/** A command that prints and keeps running until it is stopped (`kubectl port-forward`, a stuck `idpbuilder create`). */
export interface SimRunning {
  running: true;
  stdout?: string;
  stderr?: string;
  /** Called when the process is killed or aborted. */
  onStop?(): void;
}

/** What a simulated CLI answers; `hang` never exits on its own and prints nothing. */
export type SimAnswer = SimExit | SimRunning | 'hang';

export interface SimInvocation {
  argv: string[];
  env: Record<string, string | undefined>;
  stdin: string;
  cwd: string;
}

export type SimHandler = (invocation: SimInvocation) => SimAnswer | Promise<SimAnswer>;

/** Lets simulated time stand still while a process is answering (see `VirtualClock.hold`). */
export interface SimActivity {
  hold(): () => void;
}

/** Splits what zx runs (`set -euo pipefail;kind get clusters`) into the command's words and env. */
export function parseCommand(
  command: string,
  env: Record<string, string | undefined>,
): {argv: string[]; env: Record<string, string | undefined>} {
  const tokens = parse(command, (name) => env[name] ?? '');
  const segments: string[][] = [[]];
  for (const token of tokens) {
    if (typeof token === 'string') segments[segments.length - 1]!.push(token);
    else if ('op' in token && token.op === ';') segments.push([]);
    else throw new Error(`the simulated toolchain runs single commands; "${command}" uses ${JSON.stringify(token)}`);
  }
  const words = segments.filter((segment) => segment.length && segment[0] !== 'set').pop() ?? [];
  const assigned: Record<string, string> = {};
  while (words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!)) {
    const [name, ...value] = words.shift()!.split('=');
    assigned[name!] = value.join('=');
  }
  return {argv: words, env: {...env, ...assigned}};
}

// Above any real pid_max (4194304 on Linux), so a stray real `kill` of a simulated pid hits nothing.
let nextPid = 9_000_000;
const running = new Map<number, SimChild>();

/** Command lines of the simulated processes that are still running (tests assert that none is left behind). */
export function runningSimCommands(): string[] {
  return [...running.values()].map((child) => child.commandLine);
}

class SimChild extends EventEmitter {
  readonly pid = nextPid++;
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  readonly stdin: Writable;
  private finished = false;
  private readonly input: Buffer[] = [];
  commandLine = '';
  onStop: (() => void) | undefined;
  /** Releases the hold on simulated time once the answer has been played back. */
  release: () => void = () => {};

  constructor() {
    super();
    const chunks = this.input;
    this.stdin = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(Buffer.from(chunk));
        callback();
      },
    });
    running.set(this.pid, this);
  }

  get stdinText(): string {
    return Buffer.concat(this.input).toString('utf8');
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): boolean {
    if (!this.finished) this.onStop?.();
    this.finish(null, signal);
    return true;
  }

  answer(answer: SimExit): void {
    if (this.finished) return;
    this.print(answer);
    this.finish(answer.exitCode, null);
  }

  keepRunning(answer: SimRunning): void {
    if (this.finished) return;
    this.onStop = answer.onStop;
    this.print(answer);
    // A command that keeps running waits for the world to move on: it does not hold time.
    setImmediate(() => this.release());
  }

  private print(answer: {stdout?: string; stderr?: string}): void {
    if (answer.stdout) this.stdout.write(answer.stdout);
    if (answer.stderr) this.stderr.write(answer.stderr);
  }

  private finish(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.finished) return;
    this.finished = true;
    running.delete(this.pid);
    this.stdout.end();
    this.stderr.end();
    // Node emits exit, then close once the streams are drained; zx settles on close.
    setImmediate(() => {
      this.emit('exit', code, signal);
      this.emit('close', code, signal);
      this.release();
    });
  }
}

export function createSpawn(handler: SimHandler, activity: SimActivity): typeof childProcess.spawn {
  function spawn(command: string, _args: readonly string[], options: childProcess.SpawnOptions): SimChild {
    const child = new SimChild();
    child.release = activity.hold();
    const signal = options.signal;
    signal?.addEventListener('abort', () => child.kill('SIGTERM'), {once: true});
    const env = (options.env ?? {}) as Record<string, string | undefined>;
    // Answer on a later tick, as a real process would, after zx has attached its listeners.
    setImmediate(async () => {
      // zx writes a string `input` synchronously right after spawning; by now it has arrived.
      try {
        const parsed = parseCommand(command, env);
        child.commandLine = parsed.argv.join(' ');
        const answer = await handler({
          argv: parsed.argv,
          env: parsed.env,
          stdin: child.stdinText,
          cwd: String(options.cwd ?? ''),
        });
        // A hung command answers nothing and holds no time: its time limit is what ends it.
        if (answer === 'hang') return child.release();
        if ('running' in answer) child.keepRunning(answer);
        else child.answer(answer);
      } catch (error) {
        child.answer({exitCode: 2, stderr: `sim: ${error instanceof Error ? error.message : String(error)}\n`});
      }
    });
    return child;
  }
  return spawn as unknown as typeof childProcess.spawn;
}

/** zx stops a process that exceeded its time limit through `kill(pid)`. */
export async function killSimProcess(pid: number | `${number}`, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  running.get(Number(pid))?.kill(signal);
}
