/**
 * A plan as terminal text that pastes: each command after its `$` is exactly what to type,
 * heredoc bodies and their `EOF` start at the left margin (an indented `EOF` never closes the
 * heredoc), long command lines break with `\` at word boundaries, a time limit is a shell
 * comment, generated secrets read as the command that generates one, and a secret a command
 * reads from a variable is set by an `export` line before the first command that reads it.
 * Labels say what a command does (reads, changes, verifies, sets), in colour on a terminal
 * unless NO_COLOR is set.
 */
import {styleText} from 'node:util';
import {
  commandEffect,
  displayCommand,
  EFFECT_LABEL,
  exportLine,
  variablesToSet,
  type CommandText,
  type Effect,
} from '../../contract/commands';
import {formatDuration} from '../clock';
import type {Plan, PlannedCommand, PlannedStep} from '../plan';

/** Command lines longer than this break with `\` continuations. */
const WIDTH = 100;
const CONTINUATION = '      ';

type Style = Parameters<typeof styleText>[0];
type Paint = (style: Style, text: string) => string;

const EFFECT_STYLE: Record<Effect, Style> = {reads: 'cyan', changes: 'yellow', verifies: 'green'};
const SETS = 'sets';

/** Whether output to this stream gets colour: a terminal, and no NO_COLOR (no-color.org). */
export function wantsColour(stream: {isTTY?: boolean}, env: NodeJS.ProcessEnv): boolean {
  return Boolean(stream.isTTY) && !env.NO_COLOR;
}

/** What follows the `$` of a planned command: the text to paste, with its time limit as a comment. */
export function pasteBlock(command: CommandText & Pick<PlannedCommand, 'timeoutMs'>): string {
  const [first = '', ...heredoc] = displayCommand(command).split('\n');
  const limit = command.timeoutMs ? `  # time limit ${formatDuration(command.timeoutMs)}` : '';
  return [wrap(first) + limit, ...heredoc].join('\n');
}

export function formatPlan(plan: Plan, options: {colour: boolean}): string {
  const paint: Paint = options.colour
    ? (style, text) => styleText(style, text, {validateStream: false})
    : (_style, text) => text;
  const lines = [
    paint('bold', `Plan: ${plan.title} (${plan.id})`),
    `  ${plan.summary}`,
    paint('dim', `  source: ${plan.sourceHash}`),
  ];
  if (plan.needs.length) lines.push(`  needs: ${plan.needs.join(', ')} (run first)`);
  lines.push(
    `  tools: ${plan.tools.map((tool) => `${tool.name} >= ${tool.minVersion}`).join(', ')}`,
    paint('bold', 'Preflight (reads only):'),
  );
  for (const check of plan.preflight) lines.push(`  - ${check.title}`);
  for (const command of plan.preflightCommands) lines.push(`    $ ${command}`);
  const label = (text: string, style: Style) => `     ${paint(style, text.padEnd(8))} $ `;
  const steps = (title: string, planned: PlannedStep[]) => {
    lines.push(paint('bold', title));
    const toSet = variablesToSet(planned.flatMap((step) => step.commands));
    planned.forEach((step, index) => {
      const state = step.skipped
        ? ` (skipped: ${step.skipped})`
        : step.alreadyDone
          ? ' (already done by then on a fresh machine)'
          : '';
      lines.push(`  ${paint('bold', `${index + 1}. ${step.title}`)}${paint('dim', state)}`);
      for (const command of step.commands) {
        for (const variable of toSet.get(command) ?? [])
          lines.push(label(SETS, 'magenta') + wrap(exportLine(variable)));
        const effect = commandEffect(command);
        lines.push(label(EFFECT_LABEL[effect].toLowerCase(), EFFECT_STYLE[effect]) + pasteBlock(command));
      }
      for (const wait of step.waits)
        lines.push(paint('dim', `     waits up to ${formatDuration(wait.timeoutMs)} for ${wait.what}`));
    });
  };
  steps('Steps:', plan.steps);
  steps('Tear down (--down):', plan.down);
  return `${lines.join('\n')}\n`;
}

/** Breaks a command line at unquoted spaces into lines of about WIDTH, joined with ` \`. */
function wrap(line: string): string {
  if (line.length <= WIDTH) return line;
  const rows: string[] = [];
  let row = '';
  for (const word of words(line)) {
    if (row && row.length + 1 + word.length > WIDTH) {
      rows.push(row);
      row = word;
    } else {
      row = row ? `${row} ${word}` : word;
    }
  }
  rows.push(row);
  return rows.join(` \\\n${CONTINUATION}`);
}

/**
 * The words of a command line as written (quotes kept), split at spaces outside quotes. Inside
 * `$(...)` the shell reads a command of its own, even within double quotes, so its spaces split
 * too: `export X="$(kubectl get ... | base64 -d)"` breaks like the command in it.
 */
function words(line: string): string[] {
  const result: string[] = [];
  let word = '';
  // Open quotes and substitutions, innermost last.
  const open: string[] = [];
  for (let index = 0; index < line.length; index++) {
    const char = line[index]!;
    const inner = open[open.length - 1];
    if (inner === "'") {
      if (char === "'") open.pop();
    } else if (char === '\\' && index + 1 < line.length) {
      word += char + line[++index];
      continue;
    } else if (char === '$' && line[index + 1] === '(') {
      open.push('(');
      word += '$(';
      index++;
      continue;
    } else if (inner === '"') {
      if (char === '"') open.pop();
    } else if (char === "'" || char === '"') {
      open.push(char);
    } else if (char === ')' && inner === '(') {
      open.pop();
    } else if (char === ' ') {
      if (word) result.push(word);
      word = '';
      continue;
    }
    word += char;
  }
  if (word) result.push(word);
  return result;
}
