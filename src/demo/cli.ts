/**
 * `npm run demo -- <runbook> [--auto <seconds>] [--replay] [--simulated]`: a narrated walkthrough
 * of a runbook, one step per screen (or `golden-path --replay`: the chapters of /demo/golden-path). Live by default (the real engine on the real toolchain, as
 * `npm run runbook` runs it: the same --context and runbook options, checked and locked the same
 * way); `--replay` plays the last real recording from verification/ or, when there is none, one
 * made on the simulated toolchain right now. `demoMain` takes its world as arguments, so tests
 * drive it as a presenter does.
 */
import {parseArgs} from 'node:util';
import {EVIDENCE_DIR} from '../living-docs/evidence';
import {checkDeclared, runbookOptionsOf} from '../cli/runbook';
import {UsageError} from '../runbook/errors';
import {bringUp, EXIT} from '../runbook/executor';
import {RunLockedError} from '../runbook/lock';
import {kubeContextOf, type Runbook, type RunOptions} from '../runbook/model';
import {planRunbook, type Plan} from '../runbook/plan';
import {inDependencyOrder, loadRunbooks, type RunbookEntry} from '../runbook/registry';
import {wantsColour} from '../runbook/reporters/plan-text';
import {checkContextKnown, checkedContext, lockCluster, refuseEmptyValues} from '../runbook/run-target';
import {createSimWorld} from '../runbook/sim';
import {planWorld} from '../runbook/sim/plan-world';
import {didYouMean} from '../runbook/suggest';
import {realToolchain, type Toolchain} from '../runbook/toolchain';
import {slidesOf, type DemoSlide} from './deck';
import {chapterDeck, GOLDEN_PATH} from './golden-path';
import {readKeys, type Key, type KeyInput} from './keys';
import {runLive} from './live';
import {presenter, type Presenter, type Screen} from './presenter';
import {realRecording, SIMULATED_LABEL, simulatedRecording, type Recording} from './recording';
import {replay, type Walk} from './replay';
import {originLine, wrap, type Origin} from './screen';

export interface DemoIO {
  stdout: Screen;
  stderr: {write(text: string): unknown};
  stdin: KeyInput;
  env: NodeJS.ProcessEnv;
  root: string;
  /** Aborted on Ctrl-C (when the terminal is not in raw mode), SIGTERM or SIGHUP. */
  signal?: AbortSignal;
  /** Where a live demo runs; the real machine unless a test says otherwise. */
  toolchain?: Toolchain;
  /** Folder of the per-context run locks, as for `npm run runbook` (see run-target.ts). */
  lockDir?: string;
}

export const DEMO_USAGE = `Usage: npm run demo -- <runbook> [--auto <seconds>] [--replay] [--simulated] [--context <name>] [runbook options]
       npm run demo -- golden-path --replay [--auto <seconds>]

A narrated walkthrough of a runbook, one step per screen: why the step matters, the commands,
then (Enter) the step runs and its result is shown. golden-path tells bootstrap, CNOE, a GitOps
deploy and a Velero restore in four chapters, from each runbook's recording.

Options:
  --replay            Play a recording instead of touching a cluster: the last real run's transcript
                      from verification/, or else a run on the simulated toolchain made right now.
  --simulated         Run live, but on the simulated toolchain (a rehearsal; no cluster is touched).
  --auto <seconds>    Go on by itself after this many seconds on each step (0: at once).
  --context <name>    Live: use this existing kube context instead of the kind cluster localdev.
  --help              Show this help.
A live demo takes the runbook's own options too (npm run runbook -- --list shows them), and like
a run it holds the cluster's lock: a demo on a context another run works on stops with exit 2.

Keys: Enter next, s skip the step, q quit (what the run started is cleaned up).
Exit codes as npm run runbook: 0 ok (also after q), 1 a step failed, 2 usage error,
3 preflight failed (nothing changed), 130 interrupted.`;

interface DemoArgs {
  id: string;
  replay: boolean;
  simulated: boolean;
  autoSeconds?: number;
  context?: string;
  /** The runbook's own options, as text (as `npm run runbook` passes them). */
  values: Record<string, string>;
}

export async function demoMain(argv: string[], io: DemoIO): Promise<number> {
  try {
    const entries = await loadRunbooks(io.root);
    const args = parse(argv, entries, io);
    if (!args) return EXIT.ok;
    return await demo(args, entries, io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`Error: ${message}\n`);
    if (error instanceof UsageError) {
      io.stderr.write('See npm run demo -- --help for the options.\n');
      return EXIT.usage;
    }
    if (error instanceof RunLockedError) return EXIT.usage;
    return EXIT.failed;
  }
}

function parse(argv: string[], entries: Map<string, RunbookEntry>, io: DemoIO): DemoArgs | undefined {
  const runbookOptions = runbookOptionsOf([...entries.values()].map((entry) => entry.runbook));
  const options = {
    ...Object.fromEntries(runbookOptions),
    auto: {type: 'string'},
    replay: {type: 'boolean'},
    simulated: {type: 'boolean'},
    context: {type: 'string'},
    help: {type: 'boolean'},
  } as const;
  let parsed: ReturnType<typeof parseArgs<{options: typeof options; allowPositionals: true}>>;
  try {
    parsed = parseArgs({args: argv, options, allowPositionals: true, strict: true});
    refuseEmptyValues(parsed.values);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const {values, positionals} = parsed;
  // Runbooks read every option as text; a given switch reads "true".
  const own = Object.fromEntries(
    Object.entries(values)
      .filter(([name]) => runbookOptions.has(name))
      .map(([name, value]) => [name, String(value)]),
  );
  if (values.help) {
    io.stdout.write(`${DEMO_USAGE}\n`);
    return undefined;
  }
  const known = [...entries.keys(), GOLDEN_PATH.id];
  if (positionals.length !== 1) throw new UsageError(`Give one runbook to demo. Known: ${known.join(', ')}.`);
  const [id] = positionals as [string];
  if (!known.includes(id))
    throw new UsageError(
      `Unknown runbook "${id}".${didYouMean(id, known, (match) => `"${match}"`)} Known: ${known.join(', ')}.`,
    );
  if (id === GOLDEN_PATH.id && !values.replay)
    throw new UsageError(
      `The golden path plays recordings: npm run demo -- ${id} --replay. To show it live, demo its runbooks in turn: ${goldenPathRunbooks().join(', ')}.`,
    );
  checkDeclared(own, id === GOLDEN_PATH.id ? [] : [entries.get(id)!.runbook], entries);
  if (values.replay && values.simulated)
    throw new UsageError('--replay plays a recording and --simulated runs live on the simulator: choose one.');
  const context = checkedContext(values.context as string | undefined);
  if (values.replay && (context !== undefined || Object.keys(own).length))
    throw new UsageError(
      '--replay plays a recording as it was made; --context and runbook options are for live demos.',
    );
  const autoSeconds = values.auto === undefined ? undefined : Number(values.auto);
  if (autoSeconds !== undefined && !(Number.isFinite(autoSeconds) && autoSeconds >= 0))
    throw new UsageError(`--auto takes a number of seconds (0 or more), not "${values.auto}".`);
  return {id, replay: Boolean(values.replay), simulated: Boolean(values.simulated), autoSeconds, context, values: own};
}

async function demo(args: DemoArgs, entries: Map<string, RunbookEntry>, io: DemoIO): Promise<number> {
  const show = presenter(io.stdout, {
    colour: wantsColour(io.stdout, io.env),
    typing: Boolean(io.stdout.isTTY) && args.autoSeconds !== 0,
  });
  const keys = readKeys(io.stdin);
  const stopped = new Promise<Key>((resolve) => {
    if (io.signal?.aborted) resolve('interrupt');
    io.signal?.addEventListener('abort', () => resolve('interrupt'), {once: true});
  });
  const walk: Walk = {presenter: show, keys, autoSeconds: args.autoSeconds, stopped};
  // The same folder the site reads its evidence from (the e2e build plants some elsewhere).
  const evidenceDir = io.env.EDF_EVIDENCE_DIR ?? EVIDENCE_DIR;
  const recordingOf = ({runbook, prerequisites}: Planned) =>
    realRecording(io.root, runbook.id, evidenceDir) ?? simulatedRecording(runbook, prerequisites, io.root);
  try {
    if (args.id === GOLDEN_PATH.id) return await goldenPath(entries, walk, recordingOf, io);
    const runbook = await planned(args.id, args, entries, io);
    if (args.replay) {
      const recorded = await recordingOf(runbook);
      const slides = slidesOf(runbook.sources, recorded);
      titleScreen(show, runbook.plan, slides.length, {kind: 'Recording', what: slides[0]?.recording?.label ?? ''});
      return ended(show, await replay(slides, () => recorded, walk));
    }
    return await live(args, runbook, walk, () => recordingOf(runbook), io);
  } finally {
    keys.close();
  }
}

interface Planned {
  runbook: Runbook;
  prerequisites: Runbook[];
  plan: Plan;
  sources: ReturnType<typeof slideSources>;
}

/** The runbook's plan for these options; the commands on each screen are what it runs on a fresh machine. */
async function planned(
  id: string,
  options: Pick<DemoArgs, 'context' | 'values'>,
  entries: Map<string, RunbookEntry>,
  io: DemoIO,
): Promise<Planned> {
  const {runbook, sourceHash} = entries.get(id)!;
  const prerequisites = inDependencyOrder(entries, [id]).slice(0, -1);
  const plan = await planRunbook(
    {runbook, sourceHash, prerequisites, root: io.root},
    planWorld({context: options.context, values: options.values}, io.root),
  );
  return {runbook, prerequisites, plan, sources: slideSources(plan, runbook)};
}

function goldenPathRunbooks(): string[] {
  return [...new Set(GOLDEN_PATH.chapters.map((chapter) => chapter.runbook))];
}

/** The golden path as the /demo/golden-path page tells it: chapters of the runbooks' own steps, replayed. */
async function goldenPath(
  entries: Map<string, RunbookEntry>,
  walk: Walk,
  recordingOf: (planned: Planned) => Recording | Promise<Recording>,
  io: DemoIO,
): Promise<number> {
  const told = new Map<string, {slides: DemoSlide[]; recorded: Recording}>();
  for (const id of goldenPathRunbooks()) {
    const runbook = await planned(id, {values: {}}, entries, io);
    const recorded = await recordingOf(runbook);
    told.set(id, {slides: slidesOf(runbook.sources, recorded), recorded});
  }
  const deck = chapterDeck(GOLDEN_PATH, GOLDEN_PATH.chapters, (id) => told.get(id)!.slides);
  const labels = [...new Set(deck.slides.map((slide) => slide.recording?.label ?? ''))];
  titleScreen(walk.presenter, GOLDEN_PATH, deck.slides.length, {
    kind: 'Recording',
    what: labels.length === 1 ? labels[0]! : 'of each runbook, as every screen says',
  });
  const end = await replay(deck.slides, (slide) => told.get(slide.runbook)!.recorded, walk, {chapters: deck.chapters});
  return ended(walk.presenter, end);
}

async function live(
  args: DemoArgs,
  {runbook, prerequisites, sources}: Planned,
  walk: Walk,
  recording: () => Recording | Promise<Recording>,
  io: DemoIO,
): Promise<number> {
  const options: RunOptions = {context: args.context, yes: false, verbose: false, values: args.values};
  const toolchain = io.toolchain ?? (args.simulated ? await rehearsal(prerequisites, io.root) : realToolchain());
  if (args.context !== undefined) await checkContextKnown(args.context, toolchain, io.root, io.signal);
  const origin: Origin =
    toolchain.kind === 'simulated'
      ? {kind: 'Live', what: `${SIMULATED_LABEL} (the simulated toolchain)`}
      : {kind: 'Live', what: `the cluster of kube context ${kubeContextOf(options)}`};
  const slides = slidesOf(sources);
  const lock = lockCluster(kubeContextOf(options), runbook.id, toolchain, io.lockDir);
  let end: Awaited<ReturnType<typeof runLive>>;
  try {
    titleScreen(walk.presenter, {title: runbook.title, summary: runbook.summary}, slides.length, origin);
    end = await runLive({runbook, slides, toolchain, root: io.root, options, origin, walk});
  } finally {
    lock?.release();
  }
  if (end.stoppedBy) return ended(walk.presenter, end.stoppedBy);
  const failed = end.result.steps.findIndex((step) => step.outcome === 'failed');
  if (failed < 0) return ended(walk.presenter, 'done', end.result.exitCode);
  // The audience still sees the rest of the story, from the recording and labelled as such.
  walk.presenter.line('\nThe step failed. Enter: continue from the recording · q: quit');
  const key = await Promise.race([walk.keys.wait(walk.autoSeconds), walk.stopped]);
  if (key !== 'next') return ended(walk.presenter, key === 'interrupt' ? 'interrupt' : 'done', end.result.exitCode);
  const recorded = await recording();
  const from = slides.findIndex((slide) => slide.id === end.result.steps[failed]!.id);
  const rest = await replay(slidesOf(sources, recorded), () => recorded, walk, {from});
  return ended(walk.presenter, rest === 'interrupt' ? 'interrupt' : 'done', end.result.exitCode);
}

/** A fresh simulated machine with the runbook's prerequisites already run on it. */
async function rehearsal(prerequisites: Runbook[], root: string): Promise<Toolchain> {
  const toolchain = createSimWorld().toolchain();
  await bringUp(prerequisites, {toolchain, root});
  return toolchain;
}

export function slideSources(plan: Plan, runbook: Runbook) {
  return plan.steps.map((step) => ({
    runbook: runbook.id,
    step,
    note: runbook.steps.find((candidate) => candidate.id === step.id)?.note,
  }));
}

function titleScreen(show: Presenter, about: {title: string; summary: string}, steps: number, origin: Origin): void {
  show.line(show.style.heading(`Demo: ${about.title}`));
  show.line(wrap(about.summary, show.width));
  show.line(show.style.label(`${originLine(origin)} · ${steps} steps · Enter next, s skip, q quit`));
}

function ended(show: Presenter, how: 'done' | 'quit' | 'interrupt', exitCode: number = EXIT.ok): number {
  if (how === 'interrupt') {
    show.line('\nDemo interrupted; what the run started was cleaned up.');
    return EXIT.interrupted;
  }
  if (how === 'quit') {
    show.line('\nDemo ended (q); what the run started was cleaned up.');
    return EXIT.ok;
  }
  show.line(exitCode === EXIT.ok ? '\nEnd of the demo.' : `\nEnd of the demo (exit ${exitCode}).`);
  return exitCode;
}

export type {DemoSlide};
