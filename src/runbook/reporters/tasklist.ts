/**
 * The live task list in a terminal (listr2). The engine drives the run; each listr2 task only
 * waits for its step's events, so the same executor serves terminals, CI logs and tests.
 * Failure details and notes are printed below the list once it has settled, in the same words
 * as the plain log. While the run asks a question, the list stops drawing: listr2 holds back
 * everything else written to the terminal while it draws, which would hide the question.
 */
import {DefaultRenderer, Listr, ListrLogger, ProcessOutput} from 'listr2';
import {formatDuration} from '../clock';
import type {Listener, RunEvent} from '../events';
import {formatEvent} from './format';
import type {Output} from './plain';

type StepEnd = Extract<RunEvent, {type: 'step-end'}>;

interface Pending<T> {
  resolve(value: T): void;
  promise: Promise<T>;
}

function pending<T>(): Pending<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return {resolve, promise};
}

export interface TaskList {
  listener: Listener;
  /** Runs `ask` (a prompt) with the list stopped and its frame left on screen, then draws on. */
  pausedFor<T>(ask: () => Promise<T>): Promise<T>;
  /** Settles once the list has rendered its last frame and the summary is printed. */
  finished(): Promise<void>;
}

/**
 * listr2's own renderer, remembered so the list can be stopped (`end`) and drawn again (`render`)
 * around a prompt. It claims to work without a terminal because the CLI already decided: it uses
 * the task list only for a terminal, and tests draw it on a stand-in terminal.
 */
function rendererClass(remember: (renderer: DefaultRenderer) => void): typeof DefaultRenderer {
  return class PausableRenderer extends DefaultRenderer {
    static override nonTTY = true;
    constructor(...args: ConstructorParameters<typeof DefaultRenderer>) {
      super(...args);
      remember(this);
    }
  };
}

export function taskListReporter(
  steps: Array<{id: string; title: string}>,
  output: Output & {stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream},
  verbose: boolean,
): TaskList {
  const ends = new Map(steps.map((step) => [step.id, pending<StepEnd>()]));
  // Preflight is over when the first step starts, or the run ends without one.
  const preflight = pending<void>();
  // The part of a listr2 task wrapper this reporter uses.
  const tasks = new Map<string, {output: string}>();
  const summary: RunEvent[] = [];
  let preflightProblems = 0;
  let renderer: DefaultRenderer | undefined;
  // listr2 runs the first task once the renderer has drawn its first frame.
  const drawing = pending<void>();
  // The list draws on the streams it is given (the process's own in the CLI).
  const logger = new ListrLogger({processOutput: new ProcessOutput(output.stdout, output.stderr)});

  const list = new Listr(
    [
      {
        title: 'Preflight checks',
        task: async () => {
          drawing.resolve();
          await preflight.promise;
          // The problems and what to do follow below the list, unwrapped: listr2 breaks long lines
          // with an indent, which would cut an install command in two for whoever copies it.
          if (preflightProblems)
            throw new Error(
              `${preflightProblems} problem${preflightProblems === 1 ? '' : 's'}, listed below with what to do`,
            );
        },
      },
      ...steps.map((step) => ({
        title: step.title,
        task: async (_: unknown, task: {output: string; title: string; skip(message?: string): void}) => {
          tasks.set(step.id, task);
          const end = await ends.get(step.id)!.promise;
          if (end.outcome === 'passed') task.title = `${step.title} (${formatDuration(end.durationMs)})`;
          else if (end.outcome === 'already-done') task.skip(`${step.title}: already done`);
          else if (end.outcome === 'skipped' || end.outcome === 'not-run')
            task.skip(`${step.title}: ${end.reason ?? 'not run'}`);
          else
            throw new Error(
              end.outcome === 'interrupted' ? 'interrupted; cleaned up' : (end.failure?.message ?? 'failed'),
            );
        },
        rendererOptions: {outputBar: verbose ? 8 : 2},
      })),
    ],
    {
      concurrent: false,
      // Steps after a failure still end (as "not run"), so the list never shows them as failed or pending.
      exitOnError: false,
      registerSignalListeners: false,
      renderer: rendererClass((created) => (renderer = created)),
      rendererOptions: {showErrorMessage: true, collapseErrors: false, logger},
    },
  );
  const running = list.run().catch(() => undefined);

  const listener: Listener = (event) => {
    switch (event.type) {
      case 'preflight':
        if (!event.ok) {
          preflightProblems++;
          summary.push(event);
        }
        return;
      case 'step-start':
        return preflight.resolve();
      case 'output':
      case 'command':
        if (verbose || event.type === 'command') {
          const task = tasks.get(event.stepId);
          if (task) task.output = event.type === 'command' ? `$ ${event.command}` : event.text;
        }
        return;
      case 'wait': {
        const task = tasks.get(event.stepId);
        if (task)
          task.output = `waiting for ${event.what} (${formatDuration(event.elapsedMs)} of ${formatDuration(event.timeoutMs)})${event.detail ? `: ${event.detail}` : ''}`;
        return;
      }
      case 'step-end':
        ends.get(event.stepId)?.resolve(event);
        if (event.outcome === 'failed' || event.outcome === 'interrupted') summary.push(event);
        return;
      case 'note':
        summary.push(event);
        return;
      case 'run-end':
        preflight.resolve();
        // Steps that never started end the list as "not run".
        for (const end of ends.values()) end.resolve({type: 'step-end', stepId: '', outcome: 'not-run', durationMs: 0});
        summary.push(event);
        return;
      default:
        return;
    }
  };

  return {
    listener,
    async pausedFor(ask) {
      await drawing.promise;
      const paused = renderer;
      paused?.end();
      try {
        return await ask();
      } finally {
        await paused?.render();
      }
    },
    async finished() {
      await running;
      for (const event of summary) {
        for (const line of formatEvent(event, {verbose: false})) output[line.stream].write(`${line.text}\n`);
      }
    },
  };
}
