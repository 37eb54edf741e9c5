/**
 * A demo played from a recording: the same screens as live, then what the recording shows for
 * the step, at its pace (pauses capped, none with `--auto 0`), then its result in plain words.
 * Nothing touches a cluster.
 */
import {recordingOf, segmentCast, stripAnsi} from './cast';
import type {DemoDeck, DemoSlide} from './deck';
import type {Key, Keys} from './keys';
import type {Presenter} from './presenter';
import type {Recording} from './recording';
import {resultLine, stepScreen, type Origin} from './screen';

export interface Walk {
  presenter: Presenter;
  keys: Keys;
  /** Advance after this many seconds without a key; undefined waits for one. */
  autoSeconds?: number;
  /** Resolves when the demo is stopped from outside (Ctrl-C as a signal). */
  stopped: Promise<Key>;
}

/** How a walk ended: every step shown, or stopped by a key (or a signal). */
export type WalkEnd = 'done' | 'quit' | 'interrupt';

/** A recording's pauses longer than this are shortened: nobody watches a 3-minute wait. */
const LONGEST_PAUSE_S = 1;
/** A screenful of a step's output; the rest is on the demo page and in the .cast file. */
const MOST_LINES = 30;

export interface ReplayOptions {
  /** The index of the first slide to show (a live demo that failed goes on from its step). */
  from?: number;
  /** Chapter headings, for a deck made of several runbooks (the golden path). */
  chapters?: DemoDeck['chapters'];
}

/** `recordingFor` gives each slide its runbook's recording: a deck may tell several runbooks. */
export async function replay(
  slides: DemoSlide[],
  recordingFor: (slide: DemoSlide) => Recording,
  walk: Walk,
  {from = 0, chapters = []}: ReplayOptions = {},
): Promise<WalkEnd> {
  const segmentsOf = new Map<Recording, ReturnType<typeof segmentCast>>();
  const {presenter} = walk;
  for (const [index, slide] of slides.entries()) {
    if (index < from) continue;
    const chapter = chapters.findIndex((candidate) => candidate.first === index);
    if (chapter >= 0)
      presenter.line(
        presenter.style.heading(`\nChapter ${chapter + 1} of ${chapters.length}: ${chapters[chapter]!.title}`),
      );
    const origin: Origin = {kind: 'Recording', what: slide.recording?.label ?? ''};
    // Listening before the screen is drawn: a key pressed while a command is typed out counts.
    const pressed = Promise.race([walk.keys.wait(walk.autoSeconds), walk.stopped]);
    await presenter.show(
      stepScreen(slide, {index: index + 1, total: slides.length}, origin, presenter.style, {
        width: presenter.width,
        autoSeconds: walk.autoSeconds,
      }),
    );
    const key = await pressed;
    if (key === 'quit' || key === 'interrupt') return key;
    if (key === 'skip') {
      presenter.line('Skipped.');
      continue;
    }
    const recording = recordingFor(slide);
    const segments = segmentsOf.get(recording) ?? segmentCast(recording.cast);
    segmentsOf.set(recording, segments);
    const recorded = recordingOf(segments, slide.title);
    const lines = recorded?.lines.slice(1, -1) ?? [];
    let last = recorded?.lines[0]?.seconds ?? 0;
    for (const line of lines.slice(0, MOST_LINES)) {
      if (walk.autoSeconds !== 0) await pause(Math.min(line.seconds - last, LONGEST_PAUSE_S));
      last = line.seconds;
      presenter.line(presenter.colour ? line.text : stripAnsi(line.text));
    }
    if (lines.length > MOST_LINES)
      presenter.line(presenter.style.label(`      … ${lines.length - MOST_LINES} more lines in the recording`));
    presenter.line(resultLine(slide.result, presenter.style).trimEnd());
  }
  return 'done';
}

function pause(seconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, seconds) * 1000));
}
