/**
 * The command line refuses what it cannot do safely before anything runs (review-reliability.md
 * C8, C10–C19, C24, M6, L4, L6 and the npm trials of issue 10), and no input ends in a stack trace.
 */
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import bootstrap from '../../../runbooks/bootstrap';
import {createSimWorld} from '../../../src/runbook/sim';
import {cliInSim, runInSim} from './support';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'edf-cli-hardening-'));
}

/** A world where bootstrap has run: kind-localdev exists and is the current context. */
async function worldWithCluster() {
  const world = createSimWorld();
  await runInSim(bootstrap, world);
  world.calls.length = 0;
  return world;
}

/** A pid that is certainly not running: a child that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

const STACK_FRAME = /^\s+at .+[(:]\d+/m;

describe('--context', () => {
  it('an empty --context (an unset $CTX) is a usage error before any command runs', async () => {
    const world = await worldWithCluster();
    const {code, stderr} = await cliInSim(['velero-backup', '--context', '', '--yes'], world);
    expect(code).toBe(2);
    expect(stderr).toContain('--context is empty');
    expect(world.calls).toEqual([]);
  });

  it('a context that is not in the kubeconfig is a usage error; only the kubeconfig is read', async () => {
    const world = await worldWithCluster();
    const {code, stderr} = await cliInSim(['velero-backup', '--context', 'kind-localdve', '--yes'], world);
    expect(code).toBe(2);
    expect(stderr).toContain(
      'Context kind-localdve is not in your kubeconfig. Did you mean kind-localdev? It has: kind-localdev.',
    );
    expect(world.calls).toEqual(['kubectl config get-contexts -o name']);
  });

  it('a context that is in the kubeconfig runs, and every kubectl call names it', async () => {
    const world = await worldWithCluster();
    const {code} = await cliInSim(['bootstrap', '--context', 'kind-localdev', '--yes'], world);
    expect(code).toBe(0);
    const kubectl = world.calls.filter(
      (call) =>
        call.startsWith('kubectl ') &&
        !call.startsWith('kubectl config ') &&
        !call.startsWith('kubectl version --client'),
    );
    expect(kubectl.length).toBeGreaterThan(0);
    for (const call of kubectl) expect(call).toMatch(/^kubectl --context kind-localdev /);
  });

  it("the simulated kubectl reads --context '' as the current context, as kubectl 1.34.1 does", async () => {
    const world = await worldWithCluster();
    const answer = await world.handle({
      argv: ['kubectl', '--context', '', 'get', '--raw', '/readyz'],
      env: {},
      stdin: '',
      cwd: '',
    });
    expect(answer).toMatchObject({exitCode: 0, stdout: 'ok'});
    world.currentContext = undefined;
    const none = await world.handle({
      argv: ['kubectl', '--context', '', 'get', '--raw', '/readyz'],
      env: {},
      stdin: '',
      cwd: '',
    });
    expect(none).toMatchObject({exitCode: 1, stderr: expect.stringContaining('localhost:8080 was refused')});
  });
});

describe('options npm kept for itself (npm run runbook <id> --flag, without --)', () => {
  const npmRun = {npm_command: 'run', npm_lifecycle_event: 'runbook'};

  it('--plan, which npm 11 reads as -p -l -a -n, prints the plan and changes nothing', async () => {
    const world = createSimWorld();
    const {code, stdout, stderr} = await cliInSim(['bootstrap'], world, {
      env: {
        ...npmRun,
        npm_config_parseable: 'true',
        npm_config_long: 'true',
        npm_config_all: 'true',
        npm_config_yes: '',
      },
    });
    expect(code).toBe(0);
    expect(stdout).toContain('Plan: Bootstrap the localdev cluster (bootstrap)');
    expect(stderr).toContain('npm run runbook -- bootstrap --plan');
    expect(world.calls).toEqual([]);
  });

  it('npm_config_plan=true is a plan too', async () => {
    const world = createSimWorld();
    const {code, stdout} = await cliInSim(['bootstrap'], world, {env: {...npmRun, npm_config_plan: 'true'}});
    expect(code).toBe(0);
    expect(stdout).toContain('Plan: Bootstrap');
    expect(world.calls).toEqual([]);
  });

  it('--down is refused, never run as up', async () => {
    const world = createSimWorld();
    const {code, stderr} = await cliInSim(['bootstrap'], world, {
      env: {...npmRun, npm_config_down: 'true', npm_config_yes: 'true'},
    });
    expect(code).toBe(2);
    expect(stderr).toContain('npm kept --down for itself');
    expect(stderr).toContain('Run: npm run runbook -- bootstrap --down');
    expect(world.calls).toEqual([]);
  });

  it('--context x (npm keeps the name, passes x on) is refused and names the option', async () => {
    const world = createSimWorld();
    const {code, stderr} = await cliInSim(['bootstrap', 'x'], world, {env: {...npmRun, npm_config_context: 'true'}});
    expect(code).toBe(2);
    expect(stderr).toContain('npm kept --context for itself');
    expect(stderr).toContain('--context <value>');
    expect(world.calls).toEqual([]);
  });

  it("npm's own --yes is never read as ours: with -- given, --down still asks for --yes", async () => {
    const world = await worldWithCluster();
    const {code, stderr} = await cliInSim(['bootstrap', '--down'], world, {env: {...npmRun, npm_config_yes: 'true'}});
    expect(code).toBe(2);
    expect(stderr).toContain('without --yes');
    expect(world.clusters.has('localdev')).toBe(true);
  });

  it('outside `npm run` (npx, a plain shell) npm config in the environment means nothing', async () => {
    const world = createSimWorld();
    const {code} = await cliInSim(['bootstrap', '--plan'], world, {
      env: {npm_command: 'exec', npm_config_down: 'true'},
    });
    expect(code).toBe(0);
  });
});

describe('options and --plan', () => {
  it('--plan --context x plans against an existing cluster behind x', async () => {
    const {code, stdout} = await cliInSim(['bootstrap', '--plan', '--context', 'x']);
    expect(code).toBe(0);
    expect(stdout).toContain('$ kubectl --context x get nodes');
    expect(stdout).toContain('(skipped: using an existing cluster (--context))');
  });

  it('velero-backup --plan with an S3 endpoint plans the install against it', async () => {
    const {code, stdout} = await cliInSim([
      'velero-backup',
      '--plan',
      '--s3-url',
      'https://obs.example',
      '--bucket',
      'backups',
      '--credentials-file',
      'otc.ini',
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('--bucket backups --secret-file otc.ini');
    expect(stdout).toContain('s3Url=https://obs.example');
  });

  it('an incomplete S3 option set is reported in words, not as a crash, with the exit code of a preflight failure', async () => {
    const {code, stdout, stderr} = await cliInSim(['velero-backup', '--plan', '--s3-url', 'http://x']);
    // A real run would stop in preflight (exit 3); the plan says so the same way.
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      'Preflight of velero-backup would fail: Only --s3-url given.\n  what to do: Give --s3-url',
    );
    expect(stderr).not.toMatch(STACK_FRAME);
  });

  it("another runbook's option is a usage error that names its runbook", async () => {
    const world = createSimWorld();
    const {code, stderr} = await cliInSim(['bootstrap', '--oidc', '--yes'], world);
    expect(code).toBe(2);
    expect(stderr).toContain('--oidc is an option of forgejo-install, not of bootstrap.');
    expect(world.calls).toEqual([]);
  });

  it('with all, every runbook option is allowed', async () => {
    const {code, stderr} = await cliInSim(['all', '--plan', '--json', '--oidc', '--region', 'eu-de']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('typos get a suggestion: runbook ids and options', async () => {
    expect((await cliInSim(['bootstrp'])).stderr).toContain('Unknown runbook "bootstrp". Did you mean "bootstrap"?');
    expect((await cliInSim(['velero-backup', '--s3url', 'x'])).stderr).toContain(
      'Unknown option --s3url. Did you mean --s3-url?',
    );
    expect((await cliInSim(['bootstrap', '--paln'])).stderr).toContain('Did you mean --plan?');
  });

  it("suggests only the named runbook's options and the common ones, never another runbook's", async () => {
    const bootstrap = await cliInSim(['bootstrap', '--bukcet', 'x']);
    expect(bootstrap.code).toBe(2);
    expect(bootstrap.stderr).toContain('Unknown option --bukcet.');
    expect(bootstrap.stderr).not.toContain('Did you mean');
    expect((await cliInSim(['velero-backup', '--bukcet', 'x'])).stderr).toContain('Did you mean --bucket?');
    expect((await cliInSim(['all', '--bukcet', 'x'])).stderr).toContain('Did you mean --bucket?');
    expect((await cliInSim(['bootstrap', '--yse'])).stderr).toContain('Did you mean --yes?');
  });
});

describe('options that would do nothing', () => {
  it.each([
    [['bootstrap', '--json'], '--json works with --plan or --list'],
    [['bootstrap', '--plan', '--report', 'out'], '--plan changes nothing and writes no --report'],
    [['bootstrap', '--plan', '--record', 'run.cast'], '--plan changes nothing and writes no --record'],
  ])('%j is a usage error, not a run or a plan without them', async (argv, message) => {
    const world = createSimWorld();
    const {code, stdout, stderr} = await cliInSim(argv, world);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stdout).toBe('');
    expect(world.calls).toEqual([]);
  });
});

describe('--report and --record are checked before the run', () => {
  it.each([
    [
      '--report through a file',
      (dir: string) => ['--report', path.join(dir, 'afile', 'sub')],
      'is a file, so no folder can be created in it',
    ],
    ['--record that is a folder', (dir: string) => ['--record', dir], 'this is a folder; give a file name'],
    [
      '--record in a folder through a file',
      (dir: string) => ['--record', path.join(dir, 'afile', 'run.cast')],
      'is a file',
    ],
    [
      '--report where <id>.json is a folder',
      (dir: string) => {
        fs.mkdirSync(path.join(dir, 'bootstrap.json'));
        return ['--report', dir];
      },
      'this is a folder',
    ],
  ])('%s: exit 2, nothing runs', async (_, args, message) => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'afile'), '');
    const world = createSimWorld();
    const {code, stderr} = await cliInSim(['bootstrap', '--yes', ...args(dir)], world);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(world.calls).toEqual([]);
  });

  it.each([
    ['bootstrap', '--report', ''],
    ['bootstrap', '--record', '  '],
    ['velero-backup', '--s3-url', ''],
    ['velero-backup', '--region', ''],
  ])('%s %s "%s" (an unset variable) is a usage error, not a run without it', async (id, option, value) => {
    const world = createSimWorld();
    const {code, stderr} = await cliInSim([id, '--yes', option, value], world);
    expect(code).toBe(2);
    expect(stderr).toContain(`${option} is empty (an unset variable?)`);
    expect(world.calls).toEqual([]);
  });

  it('all with a bad --report changes nothing (it used to create the cluster first)', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'file'), '');
    const world = createSimWorld();
    const {code} = await cliInSim(['all', '--yes', '--report', path.join(dir, 'file', 'x')], world);
    expect(code).toBe(2);
    expect(world.calls).toEqual([]);
    expect(world.clusters.size).toBe(0);
  });

  it.runIf(fs.existsSync('/proc/self'))(
    'a folder under /proc is refused at once (recursive mkdir never returns there)',
    async () => {
      const world = createSimWorld();
      const {code, stderr} = await cliInSim(['bootstrap', '--yes', '--report', '/proc/edf-no-such/deep'], world);
      expect(code).toBe(2);
      expect(stderr).toContain('cannot create the folder /proc/edf-no-such');
      expect(world.calls).toEqual([]);
    },
  );
});

describe('one run per cluster', () => {
  it('a second run on the same context while the first works stops with exit 2 and a clear message', async () => {
    const lockDir = tempDir();
    const world = createSimWorld();
    const [first, second] = await Promise.all([
      cliInSim(['bootstrap', '--yes'], world, {lockDir}),
      cliInSim(['bootstrap', '--yes'], world, {lockDir}),
    ]);
    expect([first.code, second.code].sort()).toEqual([0, 2]);
    expect(first.stderr + second.stderr).toMatch(
      /Another run \(pid \d+, bootstrap, since .+\) is working on the cluster of context kind-localdev/,
    );
    expect(world.ran('kind', 'create', 'cluster')).toHaveLength(1);
    expect(fs.readdirSync(lockDir)).toEqual([]);
  });

  it('a lock left by a run that died is taken over', async () => {
    const lockDir = tempDir();
    fs.writeFileSync(
      path.join(lockDir, 'kind-localdev.lock'),
      JSON.stringify({pid: await deadPid(), runbook: 'bootstrap', startedAt: '2026-01-01T00:00:00Z'}),
    );
    const {code} = await cliInSim(['bootstrap', '--yes'], createSimWorld(), {lockDir});
    expect(code).toBe(0);
    expect(fs.readdirSync(lockDir)).toEqual([]);
  });
});

describe('no input ends in a stack trace', () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'afile'), '');
  // The CLI inputs of review-reliability.md §2.1, and a few more of the same kinds.
  const inputs: string[][] = [
    [],
    ['nope'],
    ['bootstrap', '--frob'],
    ['bootstrap', '--report'],
    ['bootstrap', '--report', '--yes'],
    ['bootstrap', '--context'],
    ['bootstrap', 'velero-backup'],
    ['bootstrap', '--oidc'],
    ['bootstrap', '--s3-url', 'http://x'],
    ['bootstrap', '--report', path.join(dir, 'afile', 'sub'), '--yes'],
    ['bootstrap', '--record', dir, '--yes'],
    ['bootstrap', '--context', 'x;touch ./pwned-marker', '--yes'],
    ['cnoe-showtime', '--context', '$(touch pwned)`touch pwned`', '--yes'],
    ['bootstrap', '--context', 'x'.repeat(200_000), '--yes'],
    ['bootstrap', '--context', 'kïnd-ローカル-😀', '--yes'],
    ['bootstrap', '--context', 'x\u001b]0;retitled\u0007\n', '--yes'],
    ['boot\u001b[2Jstrap'],
    ['bootstrap', '--fr\u001b[31mob'],
    ['velero-backup', '--context', '', '--yes'],
    ['bootstrap', '--plan', '--context', 'x'],
    ['bootstrap', '--plan', '--context', ''],
    ['cnoe-showtime', '--plan', '--context', 'x'],
    ['velero-backup', '--plan', '--s3-url', 'http://x'],
    ['velero-backup', '--plan', '--bucket', 'b', '--region', 'r'],
    ['-x'],
    ['--plan=yes', 'bootstrap'],
    ['bootstrap', '--down'],
    ['all', '--down'],
    ['--list', '--json', 'extra'],
    ['--', '--plan'],
  ];

  it.each(inputs.map((argv) => [JSON.stringify(argv).slice(0, 60), argv]))('%s', async (_, argv) => {
    const {code, stdout, stderr} = await cliInSim(argv as string[]);
    expect([0, 1, 2, 3]).toContain(code);
    expect(stdout + stderr).not.toMatch(STACK_FRAME);
    expect(stderr).not.toContain('Internal error');
    // Long input is shortened in messages (a 200k-character context used to be echoed whole).
    expect(stderr.length).toBeLessThan(5000);
    // Escape sequences typed into an argument are shown as text, never sent to the terminal.
    expect(stderr).not.toContain('\u001b');
  });
});
