import {spawnSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {XMLParser} from 'fast-xml-parser';
import {describe, expect, it} from 'vitest';
import {createSimWorld} from '../../../src/runbook/sim';
import {cliInSim, ROOT} from './support';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'edf-cli-'));
}

describe('npm run runbook (CLI)', () => {
  it('--list names bootstrap with its summary', async () => {
    const {code, stdout} = await cliInSim(['--list']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^bootstrap\s+Creates the kind cluster localdev/m);
  });

  it('an unknown runbook is a usage error (exit 2) that lists the known ids', async () => {
    const {code, stderr} = await cliInSim(['no-such-runbook']);
    expect(code).toBe(2);
    expect(stderr).toContain('Unknown runbook "no-such-runbook". Known: bootstrap');
  });

  it('an unknown flag is a usage error', async () => {
    const {code, stderr} = await cliInSim(['bootstrap', '--frobnicate']);
    expect(code).toBe(2);
    expect(stderr).toContain('Unknown option --frobnicate.');
  });

  it('a mistyped runbook id answers in two lines and suggests the runbook meant', async () => {
    const {code, stdout, stderr} = await cliInSim(['bootstrp']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toEqual([
      expect.stringContaining('Did you mean "bootstrap"?'),
      'See npm run runbook -- --help for the options.',
    ]);
  });

  it('--plan prints the kind command with the handbook config and changes nothing', async () => {
    const world = createSimWorld();
    const {code, stdout} = await cliInSim(['bootstrap', '--plan'], world);
    expect(code).toBe(0);
    expect(stdout).toContain("$ kind create cluster --name localdev --config - <<'EOF'");
    expect(stdout).toContain('hostPort: 8443');
    expect(stdout).toContain('ingress-ready: "true"');
    expect(stdout).toContain('config_path = "/etc/containerd/certs.d"');
    expect(world.calls).toEqual([]);
  });

  it('--plan --json gives the same plan twice (plans are deterministic)', async () => {
    const first = await cliInSim(['bootstrap', '--plan', '--json']);
    const second = await cliInSim(['bootstrap', '--plan', '--json']);
    expect(JSON.parse(first.stdout)).toEqual(JSON.parse(second.stdout));
    expect(JSON.parse(first.stdout).steps.map((step: {id: string}) => step.id)).toEqual([
      'create-cluster',
      'kube-context',
      'nodes-ready',
      'system-pods-running',
    ]);
  });

  it('--down refuses to run unattended without --yes', async () => {
    const world = createSimWorld();
    const {code, stderr} = await cliInSim(['bootstrap', '--down'], world);
    expect(code).toBe(2);
    expect(stderr).toContain('without --yes');
    expect(world.calls).toEqual([]);
  });

  it('writes a valid report, JUnit file and transcript, with a planted secret redacted everywhere', async () => {
    const dir = tempDir();
    const secret = `s3cr3t-${randomBytes(9).toString('hex')}`;
    const world = createSimWorld();
    // A CLI that prints a credential in the shape idpbuilder's secret table uses.
    world.intercept(
      (argv) => argv.slice(0, 3).join(' ') === 'kind create cluster',
      () => ({exitCode: 0, stderr: `Creating cluster "localdev" ...\npassword : ${secret}\n`}),
    );
    const cast = path.join(dir, 'bootstrap.cast');
    const run = await cliInSim(['bootstrap', '--yes', '--verbose', '--report', dir, '--record', cast], world);
    expect(run.code).toBe(1); // the intercepted create made no cluster, so the next step fails
    const files = ['bootstrap.json', 'bootstrap.junit.xml', 'bootstrap.cast'].map((name) =>
      fs.readFileSync(path.join(dir, name), 'utf8'),
    );
    for (const text of [run.stdout, run.stderr, ...files]) {
      expect(text).not.toContain(secret);
    }
    expect(run.stderr + run.stdout).toContain('password : [REDACTED]');

    const evidence = JSON.parse(files[0]!);
    expect(evidence).toMatchObject({
      schemaVersion: 1,
      runbook: 'bootstrap',
      outcome: 'failed',
      exitCode: 1,
      simulated: true,
      transcript: 'bootstrap.cast',
    });
    expect(evidence.sourceHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(evidence.gitCommit).toMatch(/^[0-9a-f]{40}$/);
    expect(evidence.steps.map((step: {outcome: string}) => step.outcome)).toEqual([
      'passed',
      'failed',
      'not-run',
      'not-run',
    ]);

    const junit = new XMLParser({ignoreAttributes: false}).parse(files[1]!);
    const suite = junit.testsuites.testsuite;
    expect(suite['@_name']).toBe('runbook bootstrap');
    expect(Number(suite['@_failures'])).toBe(1);

    const [header, ...frames] = files[2]!
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(header).toMatchObject({version: 2, width: 120});
    expect(frames.length).toBeGreaterThan(5);
    for (const frame of frames) expect(frame).toEqual([expect.any(Number), 'o', expect.any(String)]);
  });

  it('the transcript plays in asciinema', async () => {
    const installed = spawnSync('asciinema', ['--version'], {encoding: 'utf8'});
    expect(installed.error, 'precondition: asciinema is on PATH (bash .ci/run installs it)').toBeUndefined();
    const dir = tempDir();
    const cast = path.join(dir, 'run.cast');
    await cliInSim(['bootstrap', '--yes', '--record', cast]);
    // asciinema cat insists on a terminal; script(1) lends it one.
    const played = spawnSync('script', ['-qec', `asciinema cat ${cast}`, '/dev/null'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(played.status, played.stderr + played.stdout).toBe(0);
    expect(played.stdout).toContain('Create the kind cluster localdev');
    expect(played.stdout).toContain('$ kind create cluster --name localdev --config -');
  });

  it('exits 3 on a machine without Docker and kind, and creates nothing', () => {
    // A real process with a PATH that holds node only: docker and kind are "not found", as on our CI machines.
    const bin = tempDir();
    fs.symlinkSync(process.execPath, path.join(bin, 'node'));
    const work = tempDir();
    const child = spawnSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'scripts/runbook.ts'), 'bootstrap', '--yes'],
      {
        cwd: work,
        env: {PATH: `${bin}:/bin`, HOME: work},
        encoding: 'utf8',
        timeout: 30_000, // stops a hang; how fast it exits is not asserted (tests assert no timings)
      },
    );
    expect(child.status).toBe(3);
    expect(child.stderr).toContain('docker is not installed');
    expect(child.stderr).toContain('The Docker engine is not reachable');
    expect(child.stdout + child.stderr).toContain('preflight failed, nothing was changed');
    expect(fs.readdirSync(work)).toEqual([]);
  });
});
