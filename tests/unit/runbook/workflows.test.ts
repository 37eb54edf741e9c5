/**
 * The real-cluster workflows cannot run on our machines (no Docker engine), so their structure
 * is checked here: what triggers them, that every runbook gets its own job, that the pinned
 * tools satisfy the runbooks' minimum versions, and that evidence is kept and torn down.
 */
import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import YAML from 'yaml';
import {describe, expect, it} from 'vitest';
import {loadRunbooks} from '../../../src/runbook/registry';
import * as tools from '../../../src/runbook/tools';
import {ROOT} from './support';

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  'runs-on': string;
  needs?: string;
  if?: string;
  strategy?: {'fail-fast'?: boolean; matrix: {runbook: string[]}};
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: {verify: Job; publish: Job};
}

const WORKFLOWS = ['.github/workflows/verify-runbooks.yml', '.forgejo/workflows/verify-runbooks.yml'];
const read = (file: string) => YAML.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as Workflow;
const runs = (job: Job) => job.steps.map((step) => step.run ?? '').join('\n');

describe.each(WORKFLOWS)('%s', (file) => {
  const workflow = read(file);

  it('runs on push, on a schedule and on demand', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['push', 'schedule', 'workflow_dispatch']);
  });

  it('verifies each runbook in its own job, without one failure cancelling the others', async () => {
    const ids = [...(await loadRunbooks(ROOT)).keys()].sort();
    expect([...workflow.jobs.verify.strategy!.matrix.runbook].sort()).toEqual(ids);
    expect(workflow.jobs.verify.strategy!['fail-fast']).toBe(false);
  });

  it('installs the pinned tools, runs the runbook unattended with evidence, keeps it and tears down', () => {
    const verify = workflow.jobs.verify;
    expect(runs(verify)).toContain('bash scripts/ci/install-tools.sh');
    expect(runs(verify)).toContain('npm run runbook -- ${{ matrix.runbook }} --with-needs --yes --report verification --record verification/${{ matrix.runbook }}.cast');
    const upload = verify.steps.find((step) => step.uses?.includes('upload-artifact'));
    expect(upload).toMatchObject({if: 'always()', with: {path: 'verification/${{ matrix.runbook }}.*'}});
    const teardown = verify.steps.find((step) => step.run?.includes('--down'));
    expect(teardown).toMatchObject({if: 'always()', run: 'npm run runbook -- bootstrap --down --yes'});
    expect(verify.steps.indexOf(teardown!)).toBe(verify.steps.length - 1);
  });

  it('publishes the evidence to verification/ after all runbook jobs', () => {
    const publish = workflow.jobs.publish;
    expect(publish.needs).toBe('verify');
    expect(publish.if).toContain('always()');
    const publishing = JSON.stringify(publish.steps);
    expect(publishing).toMatch(/create-pull-request|git push/);
    expect(publishing).toContain('verification');
  });
});

describe('scripts/ci/install-tools.sh', () => {
  const script = fs.readFileSync(path.join(ROOT, 'scripts/ci/install-tools.sh'), 'utf8');
  const pinned = (name: string) => /=v(\d+\.\d+\.\d+)/.exec(script.split('\n').find((line) => line.startsWith(`${name}_VERSION=`)) ?? '')?.[1];

  it.each([
    ['KIND', tools.kind],
    ['KUBECTL', tools.kubectl],
    ['HELM', tools.helm],
    ['IDPBUILDER', tools.idpbuilder],
    ['VELERO', tools.velero],
  ])('pins %s at or above the version the runbooks require', (name, tool) => {
    const version = pinned(name);
    expect(version, `${name}_VERSION in install-tools.sh`).toBeDefined();
    expect(semver.gte(version!, tool.minVersion)).toBe(true);
  });

  it('uses exactly the pinned versions in the download URLs', () => {
    for (const name of ['KIND', 'KUBECTL', 'HELM', 'IDPBUILDER', 'VELERO']) expect(script).toContain(`\${${name}_VERSION}`);
  });
});
