/**
 * A demo run live: the runbook goes through the real engine, step by step. Each step waits on
 * its screen until the presenter presses Enter (or skips, or quits); the wait sits in front of
 * the step's check, so the engine's own order, output, cleanup and exit codes stay as they are.
 * Quitting aborts the run's signal: the engine stops what runs and runs its cleanups.
 */
import {StepSkipped} from '../runbook/errors';
import {EventBus, type RunEvent} from '../runbook/events';
import {execute, type RunResult} from '../runbook/executor';
import type {Runbook, RunOptions, Step} from '../runbook/model';
import {formatEvent} from '../runbook/reporters/format';
import type {Toolchain} from '../runbook/toolchain';
import type {DemoSlide} from './deck';
import type {Key} from './keys';
import type {Walk} from './replay';
import {resultLine, stepScreen, type Origin} from './screen';

export interface LiveRequest {
  runbook: Runbook;
  slides: DemoSlide[];
  toolchain: Toolchain;
  root: string;
  options: RunOptions;
  origin: Origin;
  walk: Walk;
}

export interface LiveEnd {
  result: RunResult;
  /** Set when the presenter (or a signal) stopped the demo. */
  stoppedBy?: 'quit' | 'interrupt';
}

export async function runLive(request: LiveRequest): Promise<LiveEnd> {
  const {walk, slides} = request;
  const {presenter} = walk;
  const run = new AbortController();
  let stoppedBy: LiveEnd['stoppedBy'];
  const stop = (key: 'quit' | 'interrupt') => {
    stoppedBy ??= key;
    run.abort(new Error(key === 'quit' ? 'the presenter quit the demo' : 'interrupted'));
  };
  walk.keys.onStop(stop);
  void walk.stopped.then((key) => stop(key === 'quit' ? 'quit' : 'interrupt'));
  const aborted = new Promise<Key>((resolve) =>
    run.signal.addEventListener('abort', () => resolve(stoppedBy ?? 'interrupt'), {once: true}),
  );
  const position = (id: string) => ({index: slides.findIndex((slide) => slide.id === id) + 1, total: slides.length});
  const shown = new Set<string>();
  const stepIds = new Set(request.runbook.steps.map((step) => step.id));

  async function gate(step: Step): Promise<void> {
    const slide = slides.find((candidate) => candidate.id === step.id);
    // Listening before the screen is drawn: a key pressed while a command is typed out counts.
    const pressed = Promise.race([walk.keys.wait(walk.autoSeconds), aborted]);
    if (slide) {
      shown.add(step.id);
      await presenter.show(
        stepScreen(slide, position(step.id), request.origin, presenter.style, {
          width: presenter.width,
          autoSeconds: walk.autoSeconds,
        }),
      );
    }
    const key = await pressed;
    if (key === 'skip') throw new StepSkipped('skipped in the demo (s)');
    if (key === 'quit' || key === 'interrupt') {
      stop(key);
      throw new Error('the demo was stopped');
    }
  }

  const gated: Runbook = {
    ...request.runbook,
    steps: request.runbook.steps.map((step) => ({
      ...step,
      check: async (ctx) => {
        await gate(step);
        return step.check ? step.check(ctx) : false;
      },
    })),
  };

  const bus = new EventBus();
  const waits = new Set<string>();
  bus.on((event: RunEvent) => {
    if (event.type === 'step-start') return;
    // Preflight and environment commands stay out of sight, as in the runbook's own output.
    if ((event.type === 'command' || event.type === 'output') && !stepIds.has(event.stepId)) return;
    if (event.type === 'wait') {
      const key = `${event.stepId} ${event.what}`;
      if (!waits.has(key)) presenter.line(presenter.style.label(`      … waiting for ${event.what}`));
      waits.add(key);
      return;
    }
    if (event.type === 'step-end' && !shown.has(event.stepId)) {
      // Left out by the runbook itself (an option not given): it never reached its screen.
      const {index, total} = position(event.stepId);
      presenter.line(
        `\nStep ${index} of ${total} · ${slides[index - 1]?.title ?? event.stepId}: ${event.reason ?? event.outcome}`,
      );
      return;
    }
    if (event.type === 'step-end') {
      const [first = '', ...details] = formatEvent(event, {verbose: true}).flatMap((line) => line.text.split('\n'));
      presenter.line(resultLine(first.trim(), presenter.style).trimEnd());
      for (const detail of details) presenter.line(presenter.style.bad(detail));
      return;
    }
    // The preflight reads as the runbook's own (non-verbose); commands and output in full.
    for (const line of formatEvent(event, {verbose: event.type !== 'preflight'}))
      presenter.line(line.stream === 'stderr' ? presenter.style.bad(line.text) : line.text);
  });

  const result = await execute({
    runbook: gated,
    mode: 'up',
    options: request.options,
    toolchain: request.toolchain,
    bus,
    root: request.root,
    signal: run.signal,
  });
  return {result, stoppedBy};
}
