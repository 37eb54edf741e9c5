/**
 * A demo as data: one slide per step with its narration, the commands a person would type, and
 * what the recording shows for it. The terminal demo and the demo pages are both made from it,
 * so they tell the same story in the same words.
 */
import {exportLine, variablesToSet} from '../contract/commands';
import type {PlannedStep} from '../runbook/plan';
import {pasteBlock} from '../runbook/reporters/plan-text';
import {recordingOf, segmentCast, stripAnsi, type StepRecording} from './cast';
import {type Recording, sourceLabel} from './recording';

export interface DemoSlide {
  runbook: string;
  id: string;
  title: string;
  /** The step's `why`: what the presenter says. */
  why: string;
  /** The runbook's speaker note for the step, when it has one. */
  note?: string;
  /** What the audience should see when it worked. */
  expect?: string;
  /** Why the step does not run on a fresh machine under the default options. */
  skipped?: string;
  /**
   * As typed at a prompt (after the `$`), heredocs included, each secret variable set by an
   * `export` line before the first command that reads it, as the plan shows.
   */
  commands: string[];
  /** What the recording shows for the step, without colour codes. */
  output?: string;
  /** The step's result as recorded ("✔ done in 2s"). */
  result?: string;
  /** Where `output` comes from: "real run of <date> (<versions>)" or "simulated, not a real cluster". */
  recording?: {label: string; simulated: boolean};
}

export interface DemoDeck {
  id: string;
  title: string;
  summary: string;
  /** Section headings of a deck made of several runbooks, by index of their first slide. */
  chapters: Array<{title: string; first: number}>;
  slides: DemoSlide[];
}

export interface SlideSource {
  runbook: string;
  step: Pick<PlannedStep, 'id' | 'title' | 'why' | 'expect' | 'skipped' | 'commands'>;
  note?: string;
}

/** The slides of these steps, with what the recording (when given) shows for each. */
export function slidesOf(sources: SlideSource[], recording?: Recording): DemoSlide[] {
  const segments = recording && segmentCast(recording.cast);
  // The slides are typed in this order, so a variable is set once, before its first reader.
  const toSet = variablesToSet(sources.flatMap(({step}) => step.commands));
  return sources.map(({runbook, step, note}) => ({
    runbook,
    id: step.id,
    title: step.title,
    why: step.why,
    note,
    expect: step.expect,
    skipped: step.skipped,
    commands: step.commands.flatMap((command) => [...(toSet.get(command) ?? []).map(exportLine), pasteBlock(command)]),
    ...(recording && segments ? recordedOutput(recording, recordingOf(segments, step.title)) : {}),
  }));
}

/** The step's recorded lines after its heading, its result, and where the recording comes from. */
function recordedOutput(
  recording: Recording,
  recorded: StepRecording | undefined,
): Pick<DemoSlide, 'output' | 'result' | 'recording'> {
  return {
    recording: {label: sourceLabel(recording.source), simulated: recording.source.kind === 'simulated'},
    output: recorded?.lines
      .slice(1)
      .map((line) => stripAnsi(line.text))
      .join('\n'),
    result: recorded?.result,
  };
}
