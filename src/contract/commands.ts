/**
 * How a planned command reads and pastes, shared by the terminal (`--plan`) and the runbook pages:
 * plain functions over the command's text, no engine and no Node modules, so the browser bundle
 * and the CLI use one implementation.
 */
import type {PlannedCommand, PlannedVariable} from './plan';

/** A planned command as text: the command line, what it feeds on stdin, and what of its answer it keeps. */
export type CommandText = Pick<PlannedCommand, 'command' | 'input' | 'keeps' | 'expands'>;

/** The command as a person reads it: the input as a quoted heredoc, so nothing in it expands. */
export function quotedHeredoc(command: CommandText): string {
  if (command.input === undefined) return command.command;
  return `${command.command} <<'EOF'\n${command.input.replace(/\n$/, '')}\nEOF`;
}

// ---------------------------------------------------------------------------------------------
// Generated secrets

/*
 * Secrets in commands shown on a page. In a plan, a value the runbook generates (MinIO's keys,
 * Forgejo's admin password, a drill value) is redacted, so its manifest reads `password: [REDACTED]`;
 * pasted like that it would create a Secret whose value is the word "[REDACTED]". The page shows,
 * and the copy button copies, a command that generates the value instead: the heredoc is unquoted
 * so the shell runs `openssl rand`, and everything else in it is escaped to stay literal.
 */

/** What the engine writes for a masked value (src/runbook/redact.ts uses this one). */
export const REDACTED = '[REDACTED]';
/** Prints a new secret: what a person runs where the runbook generated one. */
export const GENERATE_COMMAND = 'openssl rand -hex 16';
export const GENERATE = `$(${GENERATE_COMMAND})`;

export interface Pasteable {
  /** The command as shown and copied. */
  text: string;
  /** How many generated values it carries. */
  generated: number;
}

export function pasteable(command: CommandText): Pasteable {
  const shown = withGenerated(command);
  return command.keeps ? {...shown, text: keepingAnswer(shown.text, command.keeps)} : shown;
}

/**
 * The input with what the shell must fill in: a generated value as the command that generates it,
 * and a variable it reads (`expands`) as `${VARIABLE}`. Both make the heredoc unquoted, so
 * everything else in it is escaped to stay literal.
 */
function withGenerated(command: CommandText): Pasteable {
  const {input} = command;
  const expands = command.expands ?? [];
  if (input === undefined || (!input.includes(REDACTED) && expands.length === 0))
    return {text: quotedHeredoc(command), generated: 0};
  const generated = input.split(REDACTED).length - 1;
  let body = escapeForHeredoc(input.replace(/\n$/, ''))
    // A whole YAML value is quoted: a hex string of digits only would otherwise be read as a number.
    .replace(/(: )\[REDACTED\]$/gm, `$1"${GENERATE}"`)
    .replaceAll(REDACTED, GENERATE);
  for (const variable of expands)
    body = body
      .replace(new RegExp(String.raw`(: )\\\$\{${variable}\}$`, 'gm'), `$1"\${${variable}}"`)
      .replaceAll(`\\\${${variable}}`, `\${${variable}}`);
  return {text: `${command.command} <<EOF\n${body}\nEOF`, generated};
}

/** In an unquoted heredoc the shell expands `$`, backquotes and backslashes; these stay literal. */
function escapeForHeredoc(text: string): string {
  return text.replace(/[\\$`]/g, (char) => `\\${char}`);
}

// ---------------------------------------------------------------------------------------------
// Credentials in variables

/*
 * A command that needs a secret reads it from a variable (`-u "forgeadmin:$FORGEJO_PASSWORD"`),
 * and the plan says how to set it: an `export` line with the command that prints the value (from
 * the Secret the runbook read it from), shown once before the first command that reads it. A
 * credential the runbook takes from an answer (the API token Forgejo creates) is kept by the
 * command that asks for it: pasted, that command stores the answer's field in the variable
 * instead of printing it, so the value never shows on the screen.
 */

/** Sets a variable from the command that prints its value. */
export function exportLine(variable: PlannedVariable): string {
  return `export ${variable.variable}="$(${variable.from})"`;
}

/**
 * The command, pasted, keeps one field of its JSON answer in a variable. sed, not jq: every
 * machine that runs the runbooks has sed, and the answers are one JSON object on one line.
 */
function keepingAnswer(text: string, keeps: NonNullable<CommandText['keeps']>): string {
  const [first = '', ...rest] = text.split('\n');
  const extract = `sed -n 's/.*"${keeps.field}": *"\\([^"]*\\)".*/\\1/p'`;
  const opening = `export ${keeps.variable}="$(${first} | ${extract}`;
  return rest.length ? [opening, ...rest, ')"'].join('\n') : `${opening})"`;
}

/**
 * The variables to set before each command of a sequence that is pasted in this order (a plan's
 * steps, or its tear-down): those it reads that no earlier line of the sequence set the same way.
 */
export function variablesToSet<T extends Pick<PlannedCommand, 'env'>>(commands: T[]): Map<T, PlannedVariable[]> {
  const set = new Set<string>();
  const result = new Map<T, PlannedVariable[]>();
  for (const command of commands) {
    const needed = (command.env ?? []).filter((variable) => !set.has(exportLine(variable)));
    for (const variable of needed) set.add(exportLine(variable));
    result.set(command, needed);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// What a command does

/*
 * What a planned command does, for its label on the page: it reads state, changes state, or (in a
 * step's verify phase) reads state to prove the step worked. The engine's phase says when a command
 * runs; the command itself says what it does, so a `kubectl get` inside an action is a read.
 *
 * A command counts as a read only when every part of it is a known read (`kubectl get`, `git
 * rev-parse`, `helm status`, a plain `curl -X GET`, a filter such as `base64 -d`). Anything this
 * module does not know is a change: a label that promises "only reads" must never be wrong.
 */

export type Effect = 'reads' | 'changes' | 'verifies';

/** Verbs that only read, per tool; the first argument of a command that is one of its verbs decides. */
const VERBS: Record<string, {reads: string[]; changes: string[]}> = {
  kubectl: {
    reads: [
      'get',
      'describe',
      'logs',
      'version',
      'top',
      'explain',
      'api-resources',
      'api-versions',
      'cluster-info',
      'wait',
      'current-context',
      'view',
      'get-contexts',
      'get-clusters',
      'can-i',
    ],
    changes: [
      'apply',
      'create',
      'delete',
      'annotate',
      'label',
      'patch',
      'replace',
      'scale',
      'rollout',
      'edit',
      'set',
      'run',
      'expose',
      'cp',
      'drain',
      'cordon',
      'uncordon',
      'taint',
      'use-context',
      'set-context',
      'port-forward',
    ],
  },
  git: {
    reads: ['rev-parse', 'status', 'log', 'diff', 'show', 'ls-remote', 'ls-files'],
    changes: [
      'clone',
      'checkout',
      'add',
      'commit',
      'push',
      'fetch',
      'pull',
      'config',
      'init',
      'reset',
      'switch',
      'tag',
    ],
  },
  helm: {
    reads: ['status', 'list', 'ls', 'get', 'version', 'search', 'show', 'template', 'history'],
    changes: ['install', 'upgrade', 'uninstall', 'rollback', 'repo', 'dependency', 'plugin'],
  },
  idpbuilder: {reads: ['get', 'version'], changes: ['create', 'delete']},
  kind: {reads: ['get', 'version'], changes: ['create', 'delete', 'load', 'export', 'build']},
  docker: {
    reads: ['info', 'version', 'ps', 'inspect', 'images'],
    changes: ['run', 'rm', 'stop', 'start', 'pull', 'push', 'build', 'exec', 'network', 'volume'],
  },
  velero: {
    reads: ['get', 'describe', 'logs', 'version'],
    changes: ['create', 'delete', 'install', 'uninstall', 'patch'],
  },
};

/** Text filters that read their input and change nothing. */
const FILTERS = new Set([
  'base64',
  'jq',
  'grep',
  'head',
  'tail',
  'sort',
  'uniq',
  'wc',
  'cut',
  'tr',
  'cat',
  'echo',
  'true',
]);

/** curl options that send data or choose a method: without them (or with -X GET/HEAD) curl only reads. */
const CURL_SENDS = new Set([
  '-d',
  '--data',
  '--data-binary',
  '--data-raw',
  '--data-urlencode',
  '-F',
  '--form',
  '-T',
  '--upload-file',
  '-o',
  '--output',
  '-O',
]);

export function commandEffect(command: CommandText & {phase: string}): Effect {
  const readOnly = command.input === undefined && segments(command.command).every(segmentReads);
  if (!readOnly) return 'changes';
  return command.phase === 'verify' ? 'verifies' : 'reads';
}

export const EFFECT_LABEL: Record<Effect, string> = {reads: 'Reads', changes: 'Changes', verifies: 'Verifies'};

/** Splits a command line at top-level `|`, `&&`, `||` and `;` into word lists (quotes kept together, unquoted). */
export function segments(line: string): string[][] {
  const result: string[][] = [[]];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  const endWord = () => {
    if (inWord) result[result.length - 1]!.push(word);
    word = '';
    inWord = false;
  };
  for (let index = 0; index < line.length; index++) {
    const char = line[index]!;
    if (quote) {
      if (char === quote) quote = undefined;
      else word += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      inWord = true;
    } else if (/\s/.test(char)) {
      endWord();
    } else if (char === '|' || char === ';' || (char === '&' && line[index + 1] === '&')) {
      endWord();
      if (line[index + 1] === char) index++;
      result.push([]);
    } else if (char === '>' || char === '<') {
      // A redirection writes (or feeds) a file: keep it as its own word so the segment is not a read.
      endWord();
      result[result.length - 1]!.push(char);
    } else {
      word += char;
      inWord = true;
    }
  }
  endWord();
  return result.filter((words) => words.length > 0);
}

function segmentReads(words: string[]): boolean {
  if (words.includes('>')) return false;
  const [tool, ...args] = words;
  if (!tool) return true;
  if (FILTERS.has(tool)) return true;
  if (tool === 'curl') return curlReads(args);
  if (tool === 'sh' && args[0] === '-c' && args[1] !== undefined) return segments(args[1]).every(segmentReads);
  if (tool === 'kubectl' && args.includes('exec')) {
    // kubectl exec runs a command in a container: it reads when that command reads.
    const inner = args.indexOf('--');
    return inner >= 0 && segmentReads(args.slice(inner + 1));
  }
  const verbs = VERBS[tool];
  if (!verbs) return false;
  const verb = args.find((arg) => verbs.reads.includes(arg) || verbs.changes.includes(arg));
  return verb !== undefined && verbs.reads.includes(verb);
}

function curlReads(args: string[]): boolean {
  if (args.some((arg) => CURL_SENDS.has(arg))) return false;
  const method = args.findIndex((arg) => arg === '-X' || arg === '--request');
  return method < 0 || ['GET', 'HEAD'].includes(args[method + 1] ?? '');
}

/** How a planned command is shown to readers: input becomes a heredoc and a generated secret the command that generates one, so it pastes as is. */
export function displayCommand(command: CommandText): string {
  return pasteable(command).text;
}
