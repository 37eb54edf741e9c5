/**
 * Cuts a run's asciicast v2 transcript into what each step printed, so a replay (in the terminal
 * and on a demo page) can show one step per screen. The transcript is the engine's verbose plain
 * log (src/runbook/reporters/asciicast.ts, lines from reporters/format.ts): a step begins with
 * "[i/n] <title>" and ends with its result line, six spaces then ✔ ↷ ⊘ ■ or ✖. Real and simulated
 * recordings have the same shape, so one parser serves both.
 */

export interface CastLine {
  /** Seconds since the recording started. */
  seconds: number;
  /** As recorded, with its colour codes. */
  text: string;
}

export interface StepRecording {
  title: string;
  /** Every line from the step's heading to its result. */
  lines: CastLine[];
  /** The step's result line without colour or indent ("✔ done in 2s"), when it ended. */
  result?: string;
}

export interface CastSegments {
  /** What came before the first step: the run's heading and the preflight. */
  prologue: CastLine[];
  steps: StepRecording[];
  /** What came after the last step: the run's environment, next steps and its end. */
  epilogue: CastLine[];
}

// Colour codes as the recorder writes them (SGR), and those of any terminal program's output.
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;
const STEP_HEADING = /^\[(\d+)\/(\d+)\] (.*)$/;
const STEP_RESULT = /^ {6}[✔↷⊘■✖] /;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** The recording's lines; a frame with several lines (a command's output chunk) keeps its time for each. */
export function castLines(cast: string): CastLine[] {
  const [, ...frames] = cast.split('\n').filter((line) => line.trim());
  const lines: CastLine[] = [];
  for (const frame of frames) {
    const parsed = JSON.parse(frame) as unknown;
    if (!Array.isArray(parsed) || parsed[1] !== 'o' || typeof parsed[2] !== 'string') continue;
    const seconds = Number(parsed[0]);
    for (const text of parsed[2].replace(/\r\n$/, '').split('\r\n')) lines.push({seconds, text});
  }
  return lines;
}

export function segmentCast(cast: string): CastSegments {
  const segments: CastSegments = {prologue: [], steps: [], epilogue: []};
  let current: StepRecording | undefined;
  // Lines after a step's result: a later step's "skipped" line belongs to the run between steps,
  // the environment and the run's end come after the last one.
  const after: CastLine[] = [];
  for (const line of castLines(cast)) {
    const plain = stripAnsi(line.text);
    const heading = STEP_HEADING.exec(plain);
    if (heading) {
      segments.steps.at(-1)?.lines.push(...after.splice(0));
      current = {title: heading[3]!, lines: [line]};
      segments.steps.push(current);
    } else if (current) {
      current.lines.push(line);
      if (STEP_RESULT.test(plain)) {
        current.result = plain.trim();
        current = undefined;
      }
    } else (segments.steps.length ? after : segments.prologue).push(line);
  }
  segments.epilogue.push(...after);
  return segments;
}

/** The recording of the step with this title (titles are how the transcript names steps). */
export function recordingOf(segments: CastSegments, title: string): StepRecording | undefined {
  return segments.steps.find((step) => step.title === title);
}
