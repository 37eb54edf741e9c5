/**
 * How run events read as text. The plain console reporter, the transcript and the listr2 task
 * list all describe failures, preflight problems and results with these same words.
 */
import {formatDuration} from '../clock';
import type {RunEvent, StepFailureInfo} from '../events';

export type Line = {text: string; stream: 'stdout' | 'stderr'};

const INDENT = '      ';

export function indent(text: string, prefix = INDENT): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

export function formatFailure(failure: StepFailureInfo): string {
  const lines = [failure.message];
  if (failure.command)
    lines.push(`command: ${failure.command}`, `exit code: ${failure.exitCode ?? 'none (stopped by a signal)'}`);
  if (failure.stderrTail) lines.push('stderr (last lines):', indent(failure.stderrTail, '  '));
  return lines.join('\n');
}

export interface FormatOptions {
  /** Show every command and its output, not only actions. */
  verbose: boolean;
}

/** The lines an event adds to a plain, scrolling log; none for events that only matter live. */
export function formatEvent(event: RunEvent, options: FormatOptions): Line[] {
  const out = (text: string): Line[] => [{text, stream: 'stdout'}];
  const err = (text: string): Line[] => [{text, stream: 'stderr'}];
  switch (event.type) {
    case 'run-start':
      return out(
        `▶ ${event.title} (${event.mode === 'down' ? 'tear down, ' : ''}${event.stepCount} step${event.stepCount === 1 ? '' : 's'})`,
      );
    case 'preflight':
      if (event.ok)
        return options.verbose ? out(`✔ preflight: ${event.title}${event.detail ? ` (${event.detail})` : ''}`) : [];
      return err(`✖ preflight: ${event.problem}\n${indent(`what to do: ${event.fix}`)}`);
    case 'step-start':
      return out(`[${event.index}/${event.total}] ${event.title}`);
    case 'command':
      return options.verbose || event.phase === 'action' ? out(`${INDENT}$ ${event.command}`) : [];
    case 'output':
      return options.verbose ? [{text: `${INDENT}  ${event.text}`, stream: event.stream}] : [];
    case 'note':
      return out(`${event.stepId ? INDENT : ''}→ ${event.text}`);
    case 'step-end':
      return formatStepEnd(event);
    case 'run-end': {
      const mark = event.outcome === 'passed' ? '✔' : '✖';
      return (event.outcome === 'passed' ? out : err)(
        `${mark} ${event.message ?? event.outcome} (exit ${event.exitCode})`,
      );
    }
    default:
      return [];
  }
}

function formatStepEnd(event: Extract<RunEvent, {type: 'step-end'}>): Line[] {
  const took = formatDuration(event.durationMs);
  switch (event.outcome) {
    case 'passed':
      return [{text: `${INDENT}✔ done in ${took}`, stream: 'stdout'}];
    case 'already-done':
      return [{text: `${INDENT}↷ already done`, stream: 'stdout'}];
    case 'skipped':
      return [{text: `${INDENT}⊘ skipped: ${event.reason}`, stream: 'stdout'}];
    case 'interrupted':
      return [{text: `${INDENT}■ interrupted after ${took}; cleaned up`, stream: 'stderr'}];
    case 'failed': {
      const parts = [`${INDENT}✖ failed after ${took}`, indent(formatFailure(event.failure ?? {message: 'failed'}))];
      for (const diagnostic of event.diagnostics ?? [])
        parts.push(indent(`--- ${diagnostic.title}: ${diagnostic.command}\n${diagnostic.output}`));
      return [{text: parts.join('\n'), stream: 'stderr'}];
    }
    default:
      return [];
  }
}
