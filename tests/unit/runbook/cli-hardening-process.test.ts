/**
 * The CLI as a real process: signals other than Ctrl-C clean up and write the report
 * (review-reliability.md F25, F26), and npm's handling of options without `--` is honoured or
 * refused, never turned around (issue 10's acceptance commands, run through npm itself).
 */
import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {ROOT} from './support';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'edf-cli-process-'));
}

/**
 * docker, kind and kubectl stand-ins: versions and `docker info` answer; `kind create cluster`
 * leaves a half-created cluster and keeps running, so there is time to send a signal.
 */
function fakeTools(state: string): string {
  const bin = path.join(state, 'bin');
  fs.mkdirSync(bin);
  const tool = (name: string, body: string) => fs.writeFileSync(path.join(bin, name), `#!/bin/bash\necho "${name} $*" >> "${state}/calls"\n${body}\n`, {mode: 0o755});
  tool('docker', 'echo 28.2.2');
  tool('kubectl', '[ "$1" = version ] && echo "Client Version: v1.34.1" || exit 1');
  tool(
    'kind',
    `case "$1 $2" in
  "version "*) echo "kind v0.30.0 go1.24.6 linux/amd64" ;;
  "get clusters") [ -f "${state}/cluster" ] && echo localdev || echo "No kind clusters found." >&2 ;;
  "create cluster") cat > /dev/null; touch "${state}/cluster"; echo $$ > "${state}/creating"; exec sleep 600 ;;
  "delete cluster") rm -f "${state}/cluster" ;;
esac`,
  );
  return bin;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let tries = 0; !condition(); tries++) {
    if (tries > 600) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** `bootstrap --yes --report` on the stand-in tools, stopped by `signal` once kind create cluster runs. */
async function interruptedRun(signal: NodeJS.Signals, toGroup: boolean) {
  const state = tempDir();
  const report = path.join(state, 'report');
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'scripts/runbook.ts'), 'bootstrap', '--yes', '--report', report], {
    cwd: ROOT,
    env: {PATH: `${fakeTools(state)}:/usr/bin:/bin`, HOME: state, TMPDIR: state},
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: toGroup,
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<{code: number | null; signal: NodeJS.Signals | null}>((resolve) => child.on('exit', (code, by) => resolve({code, signal: by})));

  await until(() => fs.existsSync(path.join(state, 'creating')) || child.exitCode !== null, 'kind create cluster');
  const kindPid = Number(fs.readFileSync(path.join(state, 'creating'), 'utf8'));
  try {
    if (toGroup) process.kill(-child.pid!, signal);
    else child.kill(signal);
    const result = await exited;
    const evidence = path.join(report, 'bootstrap.json');
    await until(() => fs.existsSync(evidence), `the report (output so far: ${output})`);
    return {state, result, output, kindOutlivedTheRun: alive(kindPid), evidence: JSON.parse(fs.readFileSync(evidence, 'utf8')) as {outcome: string; exitCode: number}};
  } finally {
    // Whatever the outcome, the stand-in kind does not outlive the test.
    if (alive(kindPid)) process.kill(kindPid, 'SIGKILL');
  }
}

describe('signals', () => {
  it('SIGTERM (timeout, kill, a container stop) during kind create cluster cleans up, writes the report and exits 130', async () => {
    const run = await interruptedRun('SIGTERM', false);
    expect(run.result, run.output).toEqual({code: 130, signal: null});
    expect(fs.readFileSync(path.join(run.state, 'calls'), 'utf8')).toContain('kind delete cluster --name localdev');
    expect(fs.existsSync(path.join(run.state, 'cluster'))).toBe(false);
    expect(run.kindOutlivedTheRun).toBe(false);
    expect(run.evidence).toMatchObject({outcome: 'interrupted', exitCode: 130});
    // The run's lock is gone with it.
    expect(fs.readdirSync(run.state).filter((name) => name.startsWith('edf-runbooks-')).flatMap((dir) => fs.readdirSync(path.join(run.state, dir)))).toEqual([]);
  }, 180_000);

  it('SIGHUP to the process group (the terminal closed) cleans up and writes the report', async () => {
    // tsx's own process (the one spawned here) dies of SIGHUP, as it relays only SIGINT and
    // SIGTERM; the runbook's process gets the signal from the group and cleans up.
    const run = await interruptedRun('SIGHUP', true);
    await until(() => fs.readFileSync(path.join(run.state, 'calls'), 'utf8').includes('kind delete cluster'), 'the cleanup');
    expect(fs.existsSync(path.join(run.state, 'cluster'))).toBe(false);
    expect(run.evidence).toMatchObject({outcome: 'interrupted', exitCode: 130});
  }, 180_000);
});

describe('npm run runbook without --', () => {
  const npm = (...args: string[]) => {
    const work = tempDir();
    const result = spawnSync('npm', ['run', '-s', 'runbook', ...args], {cwd: ROOT, env: {...process.env, HOME: work, TMPDIR: work, PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`}, encoding: 'utf8', timeout: 170_000});
    return {code: result.status, stdout: result.stdout, stderr: result.stderr};
  };

  it('npm run runbook bootstrap --plan prints the plan', () => {
    const {code, stdout} = npm('bootstrap', '--plan');
    expect(code).toBe(0);
    expect(stdout).toContain('Plan: Bootstrap the localdev cluster (bootstrap)');
    expect(stdout).toContain('$ kind create cluster --name localdev --config -');
  }, 180_000);

  it('npm run runbook bootstrap --down is refused before anything runs', () => {
    const {code, stderr, stdout} = npm('bootstrap', '--down');
    expect(code).toBe(2);
    expect(stderr).toContain('npm kept --down for itself');
    // Nothing started: a run begins with "▶ <title>".
    expect(stdout + stderr).not.toContain('▶');
  }, 180_000);

  it('npm run runbook -- velero-backup --context "" exits 2 and runs nothing', () => {
    const {code, stderr} = npm('--', 'velero-backup', '--context', '');
    expect(code).toBe(2);
    expect(stderr).toContain('--context is empty');
    expect(stderr).not.toContain('▶');
  }, 180_000);
});
