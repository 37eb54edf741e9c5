import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {createSimWorld, type SimWorld} from '../../../src/runbook/sim';
import {verifyAll, verifyMain} from '../../../src/cli/verify';
import {ROOT} from './support';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, {recursive: true, force: true});
});

async function verifyInSim(world: SimWorld) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edf-verify-'));
  dirs.push(dir);
  let stdout = '';
  const code = await verifyAll(
    {
      stdout: {write: (text: string) => (stdout += text)},
      stderr: {write: () => true},
      env: {CI: 'true'},
      root: ROOT,
      toolchain: world.toolchain(),
    },
    {dir},
  );
  return {
    code,
    stdout,
    dir,
    evidence: (id: string) =>
      JSON.parse(fs.readFileSync(path.join(dir, `${id}.json`), 'utf8')) as {
        runbook: string;
        outcome: string;
        steps: unknown[];
      },
  };
}

describe('npm run verify', () => {
  it('runs every runbook with its needs on a fresh cluster, writes report and transcript for each, and tears down after each', async () => {
    const world = createSimWorld();
    const {code, stdout, dir, evidence} = await verifyInSim(world);
    expect(code).toBe(0);
    for (const id of ['bootstrap', 'cnoe-showtime', 'forgejo-install', 'velero-backup']) {
      expect(evidence(id)).toMatchObject({runbook: id, outcome: 'passed'});
      expect(fs.existsSync(path.join(dir, `${id}.cast`))).toBe(true);
    }
    // One kind cluster per runbook, each deleted again.
    expect(world.ran('kind', 'create', 'cluster')).toHaveLength(4);
    expect(world.ran('kind', 'delete', 'cluster')).toHaveLength(4);
    expect(world.clusters.size).toBe(0);
    expect(stdout).toMatch(/Evidence: .*velero-backup\.json/);
    expect(stdout).toContain('Publish it:');
    expect(stdout).toMatch(/6 GB of memory/);
  });

  it('stops after the first preflight failure (Docker down), says nothing ran, and exits 3', async () => {
    const world = createSimWorld();
    world.docker.running = false;
    const {code, stdout} = await verifyInSim(world);
    expect(code).toBe(3);
    expect(stdout).toMatch(/bootstrap\s+preflight failed/);
    expect(stdout).toMatch(/cnoe-showtime\s+not run/);
    expect(world.ran('kind', 'create')).toEqual([]);
    // Its report proves nothing about the runbook, so it is not offered for publishing.
    expect(stdout).toContain('Nothing to publish: no runbook ran.');
    expect(stdout).not.toContain('Publish it:');
  });

  it.each([['--frob'], ['bootstrap'], ['--help', 'x'], ['--dry-run']])(
    'refuses %j with exit 2 before anything runs (it used to ignore its arguments and verify everything)',
    async (...argv) => {
      const world = createSimWorld();
      let stderr = '';
      const io = {
        stdout: {write: () => true},
        stderr: {write: (text: string) => (stderr += text)},
        env: {},
        root: ROOT,
      };
      const code = await verifyMain(argv, {...io, toolchain: world.toolchain()});
      expect(code).toBe(2);
      expect(stderr).toContain('npm run verify takes no arguments');
      expect(world.calls).toEqual([]);
    },
  );

  it('--help prints what it does and what it needs, and runs nothing', async () => {
    const world = createSimWorld();
    let stdout = '';
    const io = {stdout: {write: (text: string) => (stdout += text)}, stderr: {write: () => true}, env: {}, root: ROOT};
    expect(await verifyMain(['--help'], {...io, toolchain: world.toolchain()})).toBe(0);
    expect(stdout).toMatch(/^Usage: npm run verify\n/);
    expect(stdout).toContain('6 GB of memory');
    expect(world.calls).toEqual([]);
  });
});
