/**
 * The zx shell handed to runbooks. It is plain zx (`$`), configured so that:
 * - commands run through the toolchain's `spawn` (the real one, or the simulated toolchain's),
 *   which is how tests swap the world without the runbook knowing;
 * - nothing is printed by zx itself: every command and output line goes to the engine's event
 *   stream (and through the redactor) via zx's `log` hook;
 * - arguments are quoted POSIX-style ('...'), so a command shown on a page can be pasted into
 *   any shell and the simulated toolchain can parse it;
 * - every command has a time limit (`$({timeout: '10m'})`, or `DEFAULT_TIME_LIMIT`), measured on
 *   the engine's clock (virtual in the simulated toolchain), and is stopped through the
 *   toolchain's `kill` when it runs over.
 */
import {StringDecoder} from 'node:string_decoder';
import {$ as zx$, type LogEntry, type Options, type ProcessPromise} from 'zx/core';
import {toMs, type Clock, type Duration} from './clock';
import {variableName, type CommandVariable, type EnvCredential, type ValueOrigins} from './credentials';
import type {Phase} from './events';
import {PrivateKeyLines} from './redact';
import type {Toolchain} from './toolchain';

export type Shell = {
  (pieces: TemplateStringsArray, ...args: unknown[]): ProcessPromise;
  (options: ShellOptions): Shell;
};

export type ShellOptions = Partial<Omit<Options, 'timeout'>> & {
  timeout?: Duration;
  /** The command prints secrets (e.g. `idpbuilder get secrets`): its stdout is never shown or recorded. */
  secretOutput?: boolean;
  /**
   * Secrets the command reads from its environment, or carries in its input: set in its env, and
   * recorded by variable and origin (never by value), so a plan can say how to set them before
   * the command is pasted. Where the input holds such a value, the record shows `${VARIABLE}`.
   */
  credentials?: EnvCredential[];
};

const SAFE_ARG = /^[\w/.\-@:=,+%]+$/;

export function posixQuote(arg: string): string {
  if (arg === '') return "''";
  if (SAFE_ARG.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** One command as executed (or, in plan mode, as it would be executed). */
export interface CommandRecord {
  id: string;
  stepId: string;
  phase: Phase;
  command: string;
  /**
   * Text piped to the command's stdin, shown on pages as a heredoc: a value of one of its
   * credentials stands there as `${VARIABLE}` (see `expands`), never as itself.
   */
  input?: string;
  /** The credential variables its input names where it carries their values. */
  expands?: string[];
  timeoutMs?: number;
  secretOutput?: boolean;
  /** The variables it reads (`$FORGEJO_TOKEN`) and where their values come from. */
  env?: CommandVariable[];
  /** The command ran over its time limit and was stopped. */
  timedOut?: boolean;
  /** The limit it ran under: its own `timeout`, or `DEFAULT_TIME_LIMIT`. */
  timeLimitMs?: number;
  exitCode?: number | null;
  signal?: NodeJS.Signals | null;
  durationMs?: number;
  stderrTail: string[];
}

export interface ShellObserver {
  onCommand(record: CommandRecord): void;
  onOutput(record: CommandRecord, stream: 'stdout' | 'stderr', line: string): void;
  onEnd(record: CommandRecord): void;
}

const STDERR_TAIL_LINES = 20;

/** No command may hang a run: one that states no limit of its own gets this one. */
export const DEFAULT_TIME_LIMIT: Duration = '10m';

/**
 * Attributes zx's log entries to the step and phase that is running, splits output into whole
 * lines (so a secret is never cut in two across chunks before redaction) and keeps the stderr
 * tail of each command for failure messages.
 */
export class CommandTracker {
  current: {stepId: string; phase: Phase} = {stepId: 'preflight', phase: 'preflight'};
  private readonly records = new Map<string, CommandRecord>();
  private readonly startedAt = new Map<string, number>();
  private readonly partial = new Map<string, string>();
  /** One decoder per command and stream: a UTF-8 character split across two chunks stays whole. */
  private readonly decoders = new Map<string, StringDecoder>();
  /** One per command and stream: a private key's body is masked line by line, before anyone sees it. */
  private readonly keyBlocks = new Map<string, PrivateKeyLines>();
  /** Options of the command being started; zx logs `cmd` synchronously while starting it. */
  private pending: CommandMeta = {};
  lastFailed: CommandRecord | undefined;

  constructor(
    private readonly observer: ShellObserver,
    /** Durations are measured on the run's clock, so simulated runs report simulated time. */
    private readonly clock: Pick<Clock, 'now'>,
  ) {}

  readonly log = (entry: LogEntry): void => {
    switch (entry.kind) {
      case 'cmd': {
        const record: CommandRecord = {
          id: entry.id,
          ...this.current,
          ...this.pending,
          command: entry.cmd,
          stderrTail: [],
        };
        this.records.set(entry.id, record);
        this.startedAt.set(entry.id, this.clock.now());
        this.observer.onCommand(record);
        return;
      }
      case 'stdout':
      case 'stderr':
        this.collect(entry.id, entry.kind, this.decode(`${entry.id}:${entry.kind}`, entry.data));
        return;
      case 'end': {
        const record = this.records.get(entry.id);
        if (!record) return;
        this.flush(record, 'stdout');
        this.flush(record, 'stderr');
        record.exitCode = entry.exitCode;
        record.signal = entry.signal;
        record.durationMs = this.clock.now() - (this.startedAt.get(entry.id) ?? this.clock.now());
        this.startedAt.delete(entry.id);
        if (entry.exitCode !== 0) this.lastFailed = record;
        this.observer.onEnd(record);
        return;
      }
      default:
        return;
    }
  };

  /** The command with zx id `id` ran over its time limit (called before it ends). */
  timedOut(id: string): void {
    const record = this.records.get(id);
    if (record) record.timedOut = true;
  }

  /** Runs `start` (which starts one command) with the options its record must carry. */
  starting<T>(meta: CommandMeta, start: () => T): T {
    this.pending = meta;
    try {
      return start();
    } finally {
      this.pending = {};
    }
  }

  private decode(key: string, data: Buffer | string): string {
    if (typeof data === 'string') return data;
    let decoder = this.decoders.get(key);
    if (!decoder) this.decoders.set(key, (decoder = new StringDecoder('utf8')));
    return decoder.write(data);
  }

  private collect(id: string, stream: 'stdout' | 'stderr', text: string): void {
    const record = this.records.get(id);
    if (!record) return;
    const key = `${id}:${stream}`;
    const lines = ((this.partial.get(key) ?? '') + text).split('\n');
    this.partial.set(key, lines.pop() ?? '');
    for (const line of lines) this.line(record, stream, line);
  }

  private flush(record: CommandRecord, stream: 'stdout' | 'stderr'): void {
    const key = `${record.id}:${stream}`;
    const rest = (this.partial.get(key) ?? '') + (this.decoders.get(key)?.end() ?? '');
    this.partial.delete(key);
    this.decoders.delete(key);
    if (rest) this.line(record, stream, rest);
    this.keyBlocks.delete(key);
  }

  private line(record: CommandRecord, stream: 'stdout' | 'stderr', text: string): void {
    const key = `${record.id}:${stream}`;
    let keyBlock = this.keyBlocks.get(key);
    if (!keyBlock) this.keyBlocks.set(key, (keyBlock = new PrivateKeyLines()));
    const line = keyBlock.mask(text);
    if (stream === 'stderr') {
      record.stderrTail.push(line);
      if (record.stderrTail.length > STDERR_TAIL_LINES) record.stderrTail.shift();
    }
    if (stream === 'stdout' && record.secretOutput) return;
    this.observer.onOutput(record, stream, line);
  }
}

/**
 * The commands of one run that have not ended yet: each under its time limit, so a wait can stop
 * the probe it gave up on and the run can stop whatever is left when it ends.
 */
export class RunningCommands {
  private started = 0;
  private readonly live = new Map<ProcessPromise, {order: number; cancelLimit(): void}>();
  private readonly kept = new WeakSet<ProcessPromise>();

  constructor(
    private readonly clock: Clock,
    private readonly kill: Toolchain['kill'],
    private readonly tracker: CommandTracker,
  ) {}

  add(process: ProcessPromise, limitMs: number): void {
    const cancelLimit = this.clock.after(limitMs, () => {
      this.tracker.timedOut(process.id);
      void this.stop(process);
    });
    this.live.set(process, {order: this.started++, cancelLimit});
    const ended = () => {
      cancelLimit();
      this.live.delete(process);
    };
    process.then(ended, ended);
  }

  /** A command that runs for the rest of the run (`kubectl port-forward`): no time limit. */
  keepRunning(process: ProcessPromise): void {
    this.live.get(process)?.cancelLimit();
    this.kept.add(process);
  }

  /** Whether a command was marked to run for the rest of the run (its cleanup stops it). */
  isKept(process: ProcessPromise): boolean {
    return this.kept.has(process);
  }

  /** Marks this moment: `stopSince` stops the commands started after it. */
  mark(): number {
    return this.started;
  }

  /** Stops the commands started since `mark` that still run; returns their command lines. */
  async stopSince(mark: number): Promise<string[]> {
    const victims = [...this.live].filter(([, entry]) => entry.order >= mark).map(([process]) => process);
    await Promise.all(victims.map((process) => this.stop(process)));
    return victims.map((process) => process.cmd);
  }

  /** Stops every command of the run that still runs. */
  stopAll(): Promise<string[]> {
    return this.stopSince(0);
  }

  private async stop(process: ProcessPromise): Promise<void> {
    if (process.pid !== undefined) await this.kill(process.pid);
  }
}

export interface ShellSetup {
  toolchain: Toolchain;
  tracker: CommandTracker;
  running: RunningCommands;
  signal: AbortSignal;
  cwd: string;
  /** Where the run's secret values came from, for the credentials commands read. */
  origins: ValueOrigins;
}

export function createShell(setup: ShellSetup): Shell {
  const base = zx$({
    spawn: setup.toolchain.spawn,
    kill: setup.toolchain.kill,
    env: setup.toolchain.env,
    cwd: setup.cwd,
    signal: setup.signal,
    shell: 'bash',
    prefix: 'set -euo pipefail;',
    quote: posixQuote,
    quiet: true,
    verbose: false,
    log: setup.tracker.log as Options['log'],
  });
  return wrap(base as unknown as ZxShell, setup, {});
}

type ZxShell = {
  (pieces: TemplateStringsArray, ...args: unknown[]): ProcessPromise;
  (options: Partial<Options>): ZxShell;
};

type CommandMeta = Pick<CommandRecord, 'input' | 'expands' | 'timeoutMs' | 'secretOutput' | 'timeLimitMs' | 'env'>;

/**
 * The input as records show it: each credential's value replaced by `${VARIABLE}`. A secret with
 * a recorded origin that is still in it was fed without its variable, and a plan would show it as
 * generated (`$(openssl rand ...)`) although it was read: that is refused.
 */
function shownInput(
  input: string,
  credentials: EnvCredential[],
  origins: ValueOrigins,
): Pick<CommandMeta, 'input' | 'expands'> {
  let shown = input;
  const expands: string[] = [];
  for (const {variable, value} of credentials) {
    const key = value.trim();
    if (!key || !shown.includes(key)) continue;
    shown = shown.replaceAll(key, `\${${variableName(variable)}}`);
    if (!expands.includes(variable)) expands.push(variable);
  }
  if (origins.knownIn(shown))
    throw new Error(
      "A command input holds a secret the runbook read or was given: pass it in the command's credentials, so plans show the variable.",
    );
  return expands.length ? {input: shown, expands} : {input: shown};
}

function wrap(base: ZxShell, setup: ShellSetup, meta: CommandMeta, given: EnvCredential[] = []): Shell {
  function shell(first: TemplateStringsArray | ShellOptions, ...args: unknown[]): ProcessPromise | Shell {
    if (isTemplate(first)) {
      const limitMs = meta.timeoutMs ?? toMs(DEFAULT_TIME_LIMIT);
      // An interrupt stops every command at once, except one kept running in the background (a
      // port-forward): the cleanups that run after the interrupt may need it, and stop it last.
      const own = new AbortController();
      const interrupt = () => {
        if (!setup.running.isKept(process)) own.abort(setup.signal.reason);
      };
      if (setup.signal.aborted) own.abort(setup.signal.reason);
      else setup.signal.addEventListener('abort', interrupt, {once: true});
      const shown = meta.input === undefined ? {} : shownInput(meta.input, given, setup.origins);
      const process: ProcessPromise = setup.tracker.starting({...meta, ...shown, timeLimitMs: limitMs}, () =>
        base({signal: own.signal})(first, ...args),
      );
      const forget = () => setup.signal.removeEventListener('abort', interrupt);
      process.then(forget, forget);
      setup.running.add(process, limitMs);
      return process;
    }
    const {timeout, secretOutput, credentials, ...options} = first;
    const next: CommandMeta = {...meta};
    if (secretOutput) next.secretOutput = true;
    if (credentials?.length) {
      next.env = [...(meta.env ?? []), ...setup.origins.resolve(credentials)];
      options.env = {
        ...(options.env ?? setup.toolchain.env),
        ...Object.fromEntries(credentials.map(({variable, value}) => [variable, value])),
      };
    }
    if (timeout !== undefined) next.timeoutMs = toMs(timeout);
    if (typeof options.input === 'string') next.input = options.input;
    return wrap(base(options), setup, next, [...given, ...(credentials ?? [])]);
  }
  return shell as Shell;
}

function isTemplate(value: unknown): value is TemplateStringsArray {
  return Array.isArray(value) && 'raw' in (value as object);
}

/** A shell whose commands start with fixed words, e.g. `kubectl --context kind-localdev`. */
export function withPrefix(shell: Shell, words: string[]): Shell {
  return withRawPrefix(shell, words.map(posixQuote).join(' '));
}

/**
 * A shell whose commands start with text passed to bash as written. Unlike `withPrefix` it is not
 * quoted, so it may name an environment variable (`-H "Authorization: token $FORGEJO_TOKEN"`):
 * bash expands it when the command runs, while plans and logs show the variable, never its value.
 */
export function withRawPrefix(shell: Shell, text: string): Shell {
  const prefix = `${text} `;
  function prefixed(first: TemplateStringsArray | ShellOptions, ...args: unknown[]): ProcessPromise | Shell {
    if (isTemplate(first)) {
      const cooked = [prefix + first[0], ...first.slice(1)];
      const raw = [prefix + first.raw[0], ...first.raw.slice(1)];
      return shell(Object.assign(cooked, {raw}) as unknown as TemplateStringsArray, ...args);
    }
    return withRawPrefix(shell(first), text);
  }
  return prefixed as Shell;
}
