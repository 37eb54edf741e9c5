/**
 * What one step of a terminal demo shows, as text: its position, where the output comes from,
 * the narration, the speaker note, the commands (typed out by the presenter) and the keys. Pure,
 * so the words are tested without a terminal; colour only through `Style`.
 */
import type {DemoSlide} from './deck';

export interface Style {
  heading(text: string): string;
  label(text: string): string;
  command(text: string): string;
  good(text: string): string;
  bad(text: string): string;
}

const sgr = (code: string) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;

export function styleFor(colour: boolean): Style {
  if (!colour) {
    const plain = (text: string) => text;
    return {heading: plain, label: plain, command: plain, good: plain, bad: plain};
  }
  return {heading: sgr('1'), label: sgr('2'), command: sgr('36'), good: sgr('32'), bad: sgr('31')};
}

/** A piece of a screen; `typed` pieces are typed out character by character on a terminal. */
export interface Part {
  text: string;
  typed?: boolean;
}

/** Live on a cluster, live on the simulated toolchain, or a recording of either. */
export interface Origin {
  /** "Live" or "Recording". */
  kind: 'Live' | 'Recording';
  /** "kube context kind-localdev", or a recording's source label. */
  what: string;
}

export interface Position {
  index: number;
  total: number;
}

export function originLine(origin: Origin): string {
  return `${origin.kind}: ${origin.what}`;
}

/** What Enter does on this screen, and how the demo goes on without a key. */
export function keysLine(origin: Origin, autoSeconds: number | undefined): string {
  const enter = origin.kind === 'Live' ? 'Enter: run it' : 'Enter: play it';
  const auto =
    autoSeconds === undefined ? '' : autoSeconds === 0 ? ' (advancing by itself)' : ` (advancing in ${autoSeconds} s)`;
  return `${enter} · s: skip · q: quit${auto}`;
}

export function stepScreen(
  slide: DemoSlide,
  position: Position,
  origin: Origin,
  style: Style,
  options: {width: number; autoSeconds?: number},
): Part[] {
  const rule = '─'.repeat(Math.min(options.width, 100));
  const block = (label: string, text: string) => wrap(`${label}${text}`, options.width, ' '.repeat(label.length));
  const parts: Part[] = [
    {text: `\n${style.label(rule)}\n`},
    {text: `${style.heading(`Step ${position.index} of ${position.total} · ${slide.title}`)}\n`},
    {text: `${style.label(originLine(origin))}\n\n`},
    {text: `${block('Why: ', slide.why)}\n`},
  ];
  if (slide.note) parts.push({text: `${block('Note: ', slide.note)}\n`});
  if (slide.expect) parts.push({text: `${block('Look for: ', slide.expect)}\n`});
  if (slide.skipped) parts.push({text: `${block('Not run here: ', slide.skipped)}\n`});
  parts.push({text: '\n'});
  for (const command of slide.commands) {
    parts.push({text: style.command('$ ')});
    parts.push({text: command, typed: true});
    parts.push({text: '\n'});
  }
  if (!slide.commands.length)
    parts.push({text: `${style.label('(no shell command: the runbook does this step itself)')}\n`});
  parts.push({text: `\n${style.label(keysLine(origin, options.autoSeconds))}\n`});
  return parts;
}

/** The step's result in plain words, then the line the engine printed for it. */
export function resultLine(result: string | undefined, style: Style): string {
  if (!result) return `${style.bad('Result: not in the recording (the step did not run there)')}\n`;
  const mark = result.trimStart()[0];
  const words =
    mark === '✔'
      ? style.good('Result: it worked')
      : mark === '↷'
        ? style.good('Result: already done, nothing to change')
        : mark === '⊘'
          ? 'Result: skipped'
          : mark === '■'
            ? style.bad('Result: stopped')
            : style.bad('Result: it did not work');
  return `${words} (${result.trim()})\n`;
}

/** Words wrapped at `width`, later lines indented by `hanging`. */
export function wrap(text: string, width: number, hanging = ''): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = hanging + word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}
