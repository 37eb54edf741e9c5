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
  const tool = (name: string, body: string) =>
    fs.writeFileSync(path.join(bin, name), `#!/bin/bash\necho "${name} $*" >> "${state}/calls"\n${body}\n`, {
      mode: 0o755,
    });
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

/** Polls until `condition` holds; the bound (150 s, under the tests' 180 s) only keeps a broken run from hanging, on a loaded machine too. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let tries = 0; !condition(); tries++) {
    if (tries > 1500) throw new Error(`gave up waiting for ${what}`);
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
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
      path.join(ROOT, 'scripts/runbook.ts'),
      'bootstrap',
      '--yes',
      '--report',
      report,
    ],
    {
      cwd: ROOT,
      env: {PATH: `${fakeTools(state)}:/usr/bin:/bin`, HOME: state, TMPDIR: state},
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: toGroup,
    },
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<{code: number | null; signal: NodeJS.Signals | null}>((resolve) =>
    child.on('exit', (code, by) => resolve({code, signal: by})),
  );

  // The stand-in writes its pid after the shell has created the file: wait for the number itself,
  // since pid 0 would mean "this process group" to alive() and to the cleanup below.
  const creating = path.join(state, 'creating');
  const kindPidWritten = () => (fs.existsSync(creating) ? Number(fs.readFileSync(creating, 'utf8')) : 0);
  await until(() => kindPidWritten() > 0 || child.exitCode !== null, `kind create cluster (output so far: ${output})`);
  const kindPid = kindPidWritten();
  if (!(kindPid > 0)) throw new Error(`kind create cluster never ran; the run exited ${child.exitCode}: ${output}`);
  try {
    if (toGroup) process.kill(-child.pid!, signal);
    else child.kill(signal);
    const result = await exited;
    const evidence = path.join(report, 'bootstrap.json');
    await until(() => fs.existsSync(evidence), `the report (output so far: ${output})`);
    return {
      state,
      result,
      output,
      kindOutlivedTheRun: alive(kindPid),
      evidence: JSON.parse(fs.readFileSync(evidence, 'utf8')) as {outcome: string; exitCode: number},
    };
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
    expect(
      fs
        .readdirSync(run.state)
        .filter((name) => name.startsWith('edf-runbooks-'))
        .flatMap((dir) => fs.readdirSync(path.join(run.state, dir))),
    ).toEqual([]);
  }, 180_000);

  it('SIGHUP to the process group (the terminal closed) cleans up and writes the report', async () => {
    // tsx's own process (the one spawned here) dies of SIGHUP, as it relays only SIGINT and
    // SIGTERM; the runbook's process gets the signal from the group and cleans up.
    const run = await interruptedRun('SIGHUP', true);
    await until(
      () => fs.readFileSync(path.join(run.state, 'calls'), 'utf8').includes('kind delete cluster'),
      'the cleanup',
    );
    expect(fs.existsSync(path.join(run.state, 'cluster'))).toBe(false);
    expect(run.evidence).toMatchObject({outcome: 'interrupted', exitCode: 130});
  }, 180_000);
});

/**
 * `bootstrap --down` in a terminal (a pty of 120×40, as in the review) with the stand-in cluster
 * there: what the terminal showed before anything was typed, what it showed in the end, the exit code.
 */
function downInTerminal(keys: string) {
  const state = tempDir();
  const bin = fakeTools(state);
  fs.writeFileSync(path.join(state, 'cluster'), '');
  const driver = `
import fcntl, json, os, pty, select, struct, sys, termios, time
pid, fd = pty.fork()
if pid == 0:
    os.execve(sys.argv[1], sys.argv[1:4] + ['bootstrap', '--down'], {'PATH': sys.argv[4], 'HOME': sys.argv[5], 'TMPDIR': sys.argv[5], 'TERM': 'xterm'})
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 40, 120, 0, 0))
def read(until, seconds):
    out, end = b'', time.time() + seconds
    while time.time() < end and not until(out):
        if select.select([fd], [], [], 0.2)[0]:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
    return out
before = read(lambda out: b'[y/N]' in out, 120)
os.write(fd, sys.argv[6].encode())
after = read(lambda out: False, 60)
code = None
for _ in range(100):
    done, status = os.waitpid(pid, os.WNOHANG)
    if done:
        code = os.waitstatus_to_exitcode(status)
        break
    time.sleep(0.1)
else:
    os.kill(pid, 9)
print(json.dumps({'before': before.decode(errors='replace'), 'after': after.decode(errors='replace'), 'code': code}))
`;
  const tsx = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
  const result = spawnSync(
    'python3',
    ['-c', driver, process.execPath, tsx, path.join(ROOT, 'scripts/runbook.ts'), `${bin}:/usr/bin:/bin`, state, keys],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 170_000,
    },
  );
  return {
    ...(JSON.parse(result.stdout) as {before: string; after: string; code: number | null}),
    clusterKept: fs.existsSync(path.join(state, 'cluster')),
  };
}

describe.runIf(spawnSync('python3', ['--version']).status === 0)('the --down confirmation in a terminal', () => {
  it('is on the screen while it waits; Ctrl-D answers no and the run ends, keeping the cluster', () => {
    const run = downInTerminal('\x04');
    expect(run.before).toContain('Delete the kind cluster localdev and everything in it? [y/N]');
    expect(run.after).toContain('Deletion was not confirmed; nothing was deleted.');
    expect(run.code).toBe(1);
    expect(run.clusterKept).toBe(true);
  }, 180_000);

  it('Ctrl-C at the question interrupts the run (exit 130) and deletes nothing', () => {
    const run = downInTerminal('\x03');
    expect(run.before).toContain('[y/N]');
    expect(run.code).toBe(130);
    expect(run.clusterKept).toBe(true);
  }, 180_000);
});

describe('npm run runbook without --', () => {
  const npm = (...args: string[]) => {
    const work = tempDir();
    const result = spawnSync('npm', ['run', '-s', 'runbook', ...args], {
      cwd: ROOT,
      env: {...process.env, HOME: work, TMPDIR: work, PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`},
      encoding: 'utf8',
      timeout: 170_000,
    });
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
