/**
 * A plan as terminal text that pastes: each command after its `$` is exactly what to type,
 * heredoc bodies and their `EOF` start at the left margin (an indented `EOF` never closes the
 * heredoc), long command lines break with `\` at word boundaries, a time limit is a shell
 * comment, and generated secrets read as the command that generates one. Labels say what a
 * command does (reads, changes, verifies), in colour on a terminal unless NO_COLOR is set.
 */
import {styleText} from 'node:util';
import {commandEffect, EFFECT_LABEL, type Effect} from '../../contract/commands';
import {formatDuration} from '../clock';
import {displayCommand} from '../../contract/commands';
import type {Plan, PlannedCommand, PlannedStep} from '../plan';

/** Command lines longer than this break with `\` continuations. */
const WIDTH = 100;
const CONTINUATION = '      ';

type Style = Parameters<typeof styleText>[0];
type Paint = (style: Style, text: string) => string;

const EFFECT_STYLE: Record<Effect, Style> = {reads: 'cyan', changes: 'yellow', verifies: 'green'};

/** Whether output to this stream gets colour: a terminal, and no NO_COLOR (no-color.org). */
export function wantsColour(stream: {isTTY?: boolean}, env: NodeJS.ProcessEnv): boolean {
  return Boolean(stream.isTTY) && !env.NO_COLOR;
}

/** What follows the `$` of a planned command: the text to paste, with its time limit as a comment. */
export function pasteBlock(command: Pick<PlannedCommand, 'command' | 'input' | 'timeoutMs'>): string {
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
  const steps = (title: string, planned: PlannedStep[]) => {
    lines.push(paint('bold', title));
    planned.forEach((step, index) => {
      const state = step.skipped
        ? ` (skipped: ${step.skipped})`
        : step.alreadyDone
          ? ' (already done by then on a fresh machine)'
          : '';
      lines.push(`  ${paint('bold', `${index + 1}. ${step.title}`)}${paint('dim', state)}`);
      for (const command of step.commands) {
        const effect = commandEffect(command);
        lines.push(
          `     ${paint(EFFECT_STYLE[effect], EFFECT_LABEL[effect].toLowerCase().padEnd(8))} $ ${pasteBlock(command)}`,
        );
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

/** The words of a command line as written (quotes kept), split at spaces outside quotes. */
function words(line: string): string[] {
  const result: string[] = [];
  let word = '';
  let quote: string | undefined;
  for (const char of line) {
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') {
      quote = char;
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
