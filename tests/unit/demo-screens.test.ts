/**
 * The demo's pieces without a terminal: a transcript cut into steps, the slides made from a plan
 * and a recording, the words of a step screen, the keys, and a replay of planted real evidence.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {segmentCast, stripAnsi} from '../../src/demo/cast';
import {demoMain, slideSources} from '../../src/demo/cli';
import {slidesOf} from '../../src/demo/deck';
import {chapterDeck, GOLDEN_PATH} from '../../src/demo/golden-path';
import {keyOf, readKeys, type KeyInput} from '../../src/demo/keys';
import {SIMULATED_LABEL, simulatedRecording, sourceLabel} from '../../src/demo/recording';
import {keysLine, resultLine, stepScreen, styleFor} from '../../src/demo/screen';
import {acquireRunLock} from '../../src/runbook/lock';
import {planRunbook} from '../../src/runbook/plan';
import {loadRunbooks} from '../../src/runbook/registry';
import {createSimWorld} from '../../src/runbook/sim';
import {plantEvidence} from '../support/evidence';
import {ROOT} from './runbook/support';

async function bootstrapDeck() {
  const entries = await loadRunbooks(ROOT);
  const {runbook, sourceHash} = entries.get('bootstrap')!;
  const plan = await planRunbook({runbook, sourceHash, prerequisites: [], root: ROOT}, createSimWorld());
  const recording = await simulatedRecording(runbook, [], ROOT);
  return {runbook, plan, recording};
}

describe('a transcript cut into steps', () => {
  it('gives each step its own lines and result, the run heading before and the run end after', async () => {
    const {runbook, recording} = await bootstrapDeck();
    const segments = segmentCast(recording.cast);
    expect(segments.steps.map((step) => step.title)).toEqual(runbook.steps.map((step) => step.title));
    expect(segments.steps.map((step) => step.result)).toEqual([
      expect.stringMatching(/^✔ done in/),
      '↷ already done',
      expect.stringMatching(/^✔ done in/),
      expect.stringMatching(/^✔ done in/),
    ]);
    const create = segments.steps[0]!.lines.map((line) => stripAnsi(line.text));
    expect(create).toContain('      $ kind create cluster --name localdev --config -');
    expect(create.some((line) => line.includes('Set kubectl context to "kind-localdev"'))).toBe(true);
    expect(segments.prologue.map((line) => line.text)).toContain('▶ Bootstrap the localdev cluster (4 steps)');
    expect(segments.epilogue.map((line) => line.text).join('\n')).toContain('done in');
    expect(segments.steps[1]!.lines.map((line) => line.text).join('\n')).not.toContain('kind create cluster');
  });

  it('keeps a line printed between two steps with the step before, not with the next', () => {
    const frame = (seconds: number, text: string) => JSON.stringify([seconds, 'o', `${text}\r\n`]);
    const cast = [
      '{"version":2}',
      frame(0, '[1/3] One'),
      frame(1, '      ✔ done in 1s'),
      frame(1, '      ⊘ skipped: no --oidc'),
      frame(2, '[3/3] Three'),
      frame(2, '      ✖ failed after 0ms\r\n      boom'),
      frame(3, '✖ Run: step "Three" failed (exit 1)'),
    ].join('\n');
    const segments = segmentCast(cast);
    expect(segments.steps.map((step) => [step.title, step.result, step.lines.length])).toEqual([
      ['One', '✔ done in 1s', 3],
      ['Three', '✖ failed after 0ms', 2],
    ]);
    expect(segments.epilogue.map((line) => line.text)).toEqual(['      boom', '✖ Run: step "Three" failed (exit 1)']);
  });
});

describe('slides', () => {
  it('carry the narration, the planned commands and what the recording shows, labelled simulated', async () => {
    const {runbook, plan, recording} = await bootstrapDeck();
    const slides = slidesOf(slideSources(plan, runbook), recording);
    expect(slides.map((slide) => slide.id)).toEqual(runbook.steps.map((step) => step.id));
    const [create] = slides;
    expect(create!.why).toBe(runbook.steps[0]!.why);
    expect(create!.commands).toContain('kind get clusters');
    expect(
      create!.commands.some((command) => command.startsWith('kind create cluster --name localdev --config - <<')),
    ).toBe(true);
    expect(create!.output).toContain('Set kubectl context to "kind-localdev"');
    expect(create!.result).toMatch(/^✔ done in/);
    expect(slides.every((slide) => slide.recording?.label === SIMULATED_LABEL && slide.recording.simulated)).toBe(true);
    // Without a recording (live) a slide has no output and claims none.
    expect(slidesOf(slideSources(plan, runbook))[0]).not.toHaveProperty('recording');
  });

  it('set each secret variable before the first command that reads it, as the plan does', async () => {
    const entries = await loadRunbooks(ROOT);
    const {runbook, sourceHash} = entries.get('forgejo-install')!;
    const prerequisites = [entries.get('bootstrap')!.runbook];
    const plan = await planRunbook({runbook, sourceHash, prerequisites, root: ROOT}, createSimWorld());
    const typed = slidesOf(slideSources(plan, runbook)).flatMap((slide) => slide.commands);
    const setsPassword = 'export FORGEJO_PASSWORD=';
    const firstReader = typed.findIndex((command) => command.includes('$FORGEJO_PASSWORD'));
    const exported = typed.findIndex((command) => command.startsWith(`${setsPassword}"$(kubectl`));
    expect(firstReader).toBeGreaterThan(0);
    expect(exported).toBeGreaterThanOrEqual(0);
    expect(exported).toBeLessThan(firstReader);
    expect(typed.filter((command) => command.startsWith(setsPassword))).toHaveLength(1);
  });

  it('name a real run by its date and versions', () => {
    expect(
      sourceLabel({
        kind: 'real',
        finishedAt: '2025-03-04T10:11:12.000Z',
        tools: {kind: '0.30.0', kubectl: '1.34.1'},
        kubernetesVersion: 'v1.34.0',
      }),
    ).toBe('real run of 2025-03-04 (kind 0.30.0, kubectl 1.34.1, Kubernetes v1.34.0)');
  });
});

describe('a step screen', () => {
  const slide = {
    runbook: 'bootstrap',
    id: 'create-cluster',
    title: 'Create the kind cluster localdev',
    why: 'kind runs a Kubernetes node as a Docker container.',
    note: 'Point at the node container in docker ps.',
    expect: 'kind ends with "Set kubectl context".',
    commands: ['kind get clusters', 'kind create cluster --name localdev'],
  };
  const text = (colour: boolean, origin = {kind: 'Recording' as const, what: SIMULATED_LABEL}) =>
    stepScreen(slide, {index: 2, total: 4}, origin, styleFor(colour), {width: 80, autoSeconds: undefined})
      .map((part) => part.text)
      .join('');

  it('shows position, origin, narration, note, what to look for, the commands and the keys', () => {
    const screen = text(false);
    for (const expected of [
      'Step 2 of 4 · Create the kind cluster localdev',
      `Recording: ${SIMULATED_LABEL}`,
      'Why: kind runs a Kubernetes node as a Docker container.',
      'Note: Point at the node container in docker ps.',
      'Look for: kind ends with "Set kubectl context".',
      '$ kind get clusters\n$ kind create cluster --name localdev\n',
      'Enter: play it · s: skip · q: quit',
    ])
      expect(screen).toContain(expected);
    expect(screen).not.toContain('\u001b[');
    expect(text(true)).toContain('\u001b[');
  });

  it('types out exactly the commands', () => {
    const typed = stepScreen(slide, {index: 1, total: 1}, {kind: 'Live', what: 'x'}, styleFor(false), {width: 80})
      .filter((part) => part.typed)
      .map((part) => part.text);
    expect(typed).toEqual(slide.commands);
  });

  it('leaves the note out when the runbook has none, and says live steps run', () => {
    const screen = stepScreen(
      {...slide, note: undefined},
      {index: 1, total: 1},
      {kind: 'Live', what: 'x'},
      styleFor(false),
      {
        width: 80,
      },
    )
      .map((part) => part.text)
      .join('');
    expect(screen).not.toContain('Note:');
    expect(screen).toContain('Enter: run it');
  });

  it('says how it goes on by itself', () => {
    expect(keysLine({kind: 'Live', what: 'x'}, 0)).toContain('(advancing by itself)');
    expect(keysLine({kind: 'Live', what: 'x'}, 5)).toContain('(advancing in 5 s)');
  });

  it('puts the result in plain words', () => {
    const style = styleFor(false);
    expect(resultLine('✔ done in 2s', style)).toBe('Result: it worked (✔ done in 2s)\n');
    expect(resultLine('↷ already done', style)).toContain('already done, nothing to change');
    expect(resultLine('⊘ skipped: skipped in the demo (s)', style)).toContain('Result: skipped');
    expect(resultLine('✖ failed after 1s', style)).toContain('Result: it did not work');
    expect(resultLine('■ interrupted after 0ms; cleaned up', style)).toContain('Result: stopped');
    expect(resultLine(undefined, style)).toContain('not in the recording');
  });
});

/** A stand-in for stdin: `type` delivers text, `end` closes it. */
function fakeInput(isTTY: boolean) {
  const listeners: {data?: (chunk: string) => void; end?: () => void} = {};
  const modes: boolean[] = [];
  const input: KeyInput = {
    isTTY,
    setRawMode: (raw: boolean) => modes.push(raw),
    on: ((event: 'data' | 'end', listener: never) => void (listeners[event] = listener)) as KeyInput['on'],
    removeAllListeners: (event) => void delete listeners[event],
    resume: () => undefined,
    pause: () => undefined,
  };
  return {input, modes, type: (text: string) => listeners.data?.(text), end: () => listeners.end?.()};
}

describe('keys', () => {
  it('maps single keys on a terminal and lines from a pipe', () => {
    expect(['\r', ' ', 's', 'q', '\u0003', '\u0004', 'x'].map((key) => keyOf(key, true))).toEqual([
      'next',
      'next',
      'skip',
      'quit',
      'interrupt',
      'quit',
      undefined,
    ]);
    expect(['', 's', 'q'].map((line) => keyOf(line, false))).toEqual(['next', 'skip', 'quit']);
  });

  it('reads a terminal in raw mode, and restores it when closed', async () => {
    const stdin = fakeInput(true);
    const keys = readKeys(stdin.input);
    const pressed = keys.wait();
    stdin.type('s');
    expect(await pressed).toBe('skip');
    keys.close();
    expect(stdin.modes).toEqual([true, false]);
  });

  it('hands quit pressed during a step to onStop, and drops Enter', async () => {
    const stdin = fakeInput(true);
    const keys = readKeys(stdin.input);
    const stops: string[] = [];
    keys.onStop((key) => stops.push(key));
    stdin.type('\rq');
    expect(stops).toEqual(['quit']);
    const next = keys.wait(0);
    expect(await next).toBe('next');
  });

  it('keeps the lines of a pipe in order until screens ask for them', async () => {
    const stdin = fakeInput(false);
    const keys = readKeys(stdin.input);
    stdin.type('\ns\nq\n');
    expect([await keys.wait(), await keys.wait(), await keys.wait()]).toEqual(['next', 'skip', 'quit']);
  });

  it('quits at the end of input unless the demo advances by itself', async () => {
    const stdin = fakeInput(false);
    const keys = readKeys(stdin.input);
    stdin.end();
    expect(await keys.wait()).toBe('quit');
    expect(await keys.wait(0)).toBe('next');
  });
});

describe('npm run demo -- bootstrap --replay --auto 0 with a real recording', () => {
  it('plays the last real run, labelled with its date and versions on every step', async () => {
    const dir = path.relative(ROOT, fs.mkdtempSync(path.join(ROOT, '.cache', 'demo-evidence-')));
    try {
      const evidence = await plantEvidence(ROOT, 'bootstrap', dir, {transcript: true});
      let stdout = '';
      const code = await demoMain(['bootstrap', '--replay', '--auto', '0'], {
        stdout: {write: (text: string) => (stdout += text)},
        stderr: {write: (text: string) => (stdout += text)},
        stdin: fakeInput(false).input,
        env: {EDF_EVIDENCE_DIR: dir},
        root: ROOT,
      });
      expect(code, stdout).toBe(0);
      const label = `Recording: real run of ${evidence.finishedAt.slice(0, 10)} (docker 28.2.2, kind 0.30.0, kubectl 1.34.1`;
      const screens = stdout.split(/\n─+\n/).slice(1);
      expect(screens).toHaveLength(4);
      for (const screen of screens) expect(screen).toContain(label);
      expect(stdout).not.toContain(SIMULATED_LABEL);
    } finally {
      fs.rmSync(path.join(ROOT, dir), {recursive: true, force: true});
    }
  }, 60_000);
});

describe('the golden path', () => {
  const slide = (runbook: string, id: string) => ({runbook, id, title: id, why: '', commands: []});
  const runbooks: Record<string, ReturnType<typeof slide>[]> = {
    bootstrap: [slide('bootstrap', 'create-cluster')],
    'cnoe-showtime': ['core-platform', 'golden-path-push', 'golden-path-deployed'].map((id) =>
      slide('cnoe-showtime', id),
    ),
    'velero-backup': [slide('velero-backup', 'drill-restore')],
  };
  const about = {id: 'golden-path', title: 'Golden path', summary: ''};

  it('tells bootstrap, CNOE, the GitOps deploy and the restore in chapters of the runbooks own steps', () => {
    const deck = chapterDeck(about, GOLDEN_PATH.chapters, (id) => runbooks[id]!);
    expect(deck.chapters).toEqual([
      {title: 'Bootstrap the cluster', first: 0},
      {title: 'Install the CNOE platform', first: 1},
      {title: 'Deploy an application by GitOps', first: 2},
      {title: 'Back up and restore with Velero', first: 4},
    ]);
    expect(deck.slides.map((entry) => entry.id)).toEqual([
      'create-cluster',
      'core-platform',
      'golden-path-push',
      'golden-path-deployed',
      'drill-restore',
    ]);
  });

  it('names a step a runbook no longer has', () => {
    expect(() =>
      chapterDeck(about, [{title: 'GitOps', runbook: 'bootstrap', only: ['golden-path-push']}], (id) => runbooks[id]!),
    ).toThrow('Demo golden-path, chapter "GitOps": bootstrap has no step golden-path-push');
  });

  it('uses step ids the runbooks have', async () => {
    const entries = await loadRunbooks(ROOT);
    for (const chapter of GOLDEN_PATH.chapters)
      for (const id of [...(chapter.only ?? []), ...(chapter.except ?? [])])
        expect(entries.get(chapter.runbook)!.runbook.steps.map((step) => step.id)).toContain(id);
  });
});

describe('a live demo takes the cluster as npm run runbook does', () => {
  /** On a fresh simulated machine, or with --simulated on one where the prerequisites ran. */
  async function liveDemo(argv: string[], lockDir?: string, world = createSimWorld()) {
    let out = '';
    const write = (text: string) => (out += text);
    const code = await demoMain(argv, {
      stdout: {write},
      stderr: {write},
      stdin: fakeInput(false).input,
      env: {},
      root: ROOT,
      toolchain: argv.includes('--simulated') ? undefined : world.toolchain(),
      lockDir,
    });
    return {code, out};
  }

  it('refuses an empty --context and an option the runbook does not have, before anything runs', async () => {
    const empty = await liveDemo(['bootstrap', '--context', '', '--auto', '0']);
    expect(empty.code).toBe(2);
    expect(empty.out).toContain('--context is empty (an unset variable?)');
    const foreign = await liveDemo(['bootstrap', '--oidc', '--auto', '0']);
    expect(foreign.code).toBe(2);
    expect(foreign.out).toContain('--oidc is an option of forgejo-install, not of bootstrap.');
    const replayed = await liveDemo(['forgejo-install', '--replay', '--oidc', '--auto', '0']);
    expect(replayed.code).toBe(2);
    expect(replayed.out).toContain('--context and runbook options are for live demos');
    for (const run of [empty, foreign, replayed]) expect(run.out).not.toContain('Step 1 of');
  });

  it.each([
    ['--auto', ['bootstrap', '--replay', '--auto', '']],
    ['--s3-url', ['velero-backup', '--s3-url', ' ', '--auto', '0']],
  ])('refuses an empty %s (an unset variable) before anything runs', async (option, argv) => {
    const run = await liveDemo(argv);
    expect(run.code).toBe(2);
    expect(run.out).toContain(`${option} is empty (an unset variable?)`);
    expect(run.out).not.toContain('Step 1 of');
  });

  it('passes the runbook its own options: --oidc puts the Keycloak client step in the run', async () => {
    const without = await liveDemo(['forgejo-install', '--simulated', '--auto', '0']);
    const withOidc = await liveDemo(['forgejo-install', '--simulated', '--oidc', '--auto', '0']);
    const oidcStep = 'Register Forgejo as a Keycloak client (with --oidc)';
    expect(without.out).toContain(`${oidcStep}: no --oidc`);
    expect(withOidc.out).not.toContain(`${oidcStep}: no --oidc`);
    expect(withOidc.out).toMatch(/Why: Users of the platform log in to Forgejo with their Keycloak account/);
  }, 60_000);

  it('offers the recording when a live step fails, and tells the rest of the story from it, labelled', async () => {
    const world = createSimWorld();
    world.faults.nodeNeverReady = true;
    const run = await liveDemo(['bootstrap', '--auto', '0'], undefined, world);
    expect(run.code, run.out).toBe(1);
    const offer = run.out.indexOf('The step failed. Enter: continue from the recording · q: quit');
    expect(offer).toBeGreaterThan(0);
    const [live, replayed] = [run.out.slice(0, offer), run.out.slice(offer)];
    expect(live).toContain('Step 3 of 4 · Wait until every node is Ready');
    expect(live).not.toContain('Recording:');
    // From the failed step on, each screen is the recording's, and says so.
    const screens = replayed.split(/\n─+\n/).slice(1);
    expect(screens.map((screen) => screen.split('\n')[0])).toEqual([
      'Step 3 of 4 · Wait until every node is Ready',
      'Step 4 of 4 · Wait until the kube-system pods are Running',
    ]);
    for (const screen of screens) expect(screen).toContain(`Recording: ${SIMULATED_LABEL}`);
    expect(replayed).toContain('End of the demo (exit 1).');
  }, 60_000);

  it('stops with exit 2 while another run holds the cluster, and leaves its lock alone', async () => {
    const lockDir = fs.mkdtempSync(path.join(os.tmpdir(), 'edf-demo-lock-'));
    try {
      const held = acquireRunLock(lockDir, 'kind-localdev', 'velero-backup');
      const run = await liveDemo(['bootstrap', '--auto', '0'], lockDir);
      expect(run.code).toBe(2);
      expect(run.out).toContain(`Another run (pid ${process.pid}, velero-backup`);
      expect(run.out).not.toContain('Step 1 of');
      expect(fs.existsSync(held.file)).toBe(true);
      held.release();
      const free = await liveDemo(['bootstrap', '--auto', '0'], lockDir);
      expect(free.code, free.out).toBe(0);
      expect(fs.readdirSync(lockDir)).toEqual([]);
    } finally {
      fs.rmSync(lockDir, {recursive: true, force: true});
    }
  });
});
