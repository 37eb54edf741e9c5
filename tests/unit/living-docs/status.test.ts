import fs from 'node:fs';
import path from 'node:path';
import {renderToStaticMarkup} from 'react-dom/server';
import {createElement} from 'react';
import {describe, expect, it} from 'vitest';
import VerificationBadge from '../../../src/components/VerificationBadge';
import {readEvidence} from '../../../src/living-docs/evidence';
import {estimate, runbookStatus, stepStatus} from '../../../src/contract/status';
import {buildRunbookView} from '../../../src/living-docs/page-data';
import {planRunbook} from '../../../src/runbook/plan';
import {createSimWorld} from '../../../src/runbook/sim';
import {loadRunbooks} from '../../../src/runbook/registry';
import type {Evidence} from '../../../src/runbook/reporters/evidence';
import {passingEvidence, plantEvidence, siteCopy, SOURCE_HASH} from './support';

async function viewOf(root: string) {
  const entry = (await loadRunbooks(root)).get('bootstrap')!;
  const plan = await planRunbook(
    {runbook: entry.runbook, sourceHash: entry.sourceHash, prerequisites: [], root},
    createSimWorld(),
  );
  return buildRunbookView(plan, readEvidence(root, 'bootstrap'));
}

describe('verification status', () => {
  it('is UNVERIFIED without evidence', async () => {
    const view = await viewOf(siteCopy());
    expect(view.status.status).toBe('UNVERIFIED');
    expect(view.steps.map((step) => step.status.status)).toEqual([
      'UNVERIFIED',
      'UNVERIFIED',
      'UNVERIFIED',
      'UNVERIFIED',
    ]);
    expect(view.lastRun).toBeUndefined();
  });

  it('is VERIFIED with passing evidence for the current source, per runbook and per step', async () => {
    const root = siteCopy();
    const evidence = await plantEvidence(root, 'bootstrap');
    const view = await viewOf(root);
    expect(view.status.status).toBe('VERIFIED');
    expect(view.steps.map((step) => step.status.status)).toEqual(['VERIFIED', 'VERIFIED', 'VERIFIED', 'VERIFIED']);
    expect(view.lastRun).toMatchObject({
      outcome: 'passed',
      tools: {kind: '0.30.0', kubectl: '1.34.1'},
      kubernetesVersion: 'v1.34.0',
      current: true,
    });
    const badge = renderToStaticMarkup(createElement(VerificationBadge, {status: view.status, lastRun: view.lastRun}));
    expect(badge).toContain('Verified');
    expect(badge).toContain(evidence.finishedAt.slice(0, 10));
    expect(badge).toContain('kind 0.30.0');
    expect(badge).toContain('Kubernetes v1.34.0');
  });

  it.each([
    ['the runbook is edited after the run', 'runbooks/bootstrap.ts', '\n// an edit after the last verified run\n'],
    ['an asset of the runbook changes', 'runbooks/assets/bootstrap/kind-localdev.yaml', '# changed\n'],
  ])('turns OUTDATED when %s', async (_, file, edit) => {
    const root = siteCopy();
    await plantEvidence(root, 'bootstrap');
    // The evidence verifies the copy as planted: the edit is what makes it outdated.
    expect((await viewOf(root)).status.status).toBe('VERIFIED');
    fs.appendFileSync(path.join(root, file), edit);
    const view = await viewOf(root);
    expect(view.status.status).toBe('OUTDATED');
    expect(view.steps.map((step) => step.status.status)).toEqual(['OUTDATED', 'OUTDATED', 'OUTDATED', 'OUTDATED']);
    expect(view.lastRun?.current).toBe(false);
  });

  it('is FAILING when the last run of this source failed, and marks the failing step', async () => {
    const root = siteCopy();
    const planted = await plantEvidence(root, 'bootstrap');
    planted.outcome = 'failed';
    planted.steps[2]!.outcome = 'failed';
    planted.steps[3]!.outcome = 'not-run';
    fs.writeFileSync(path.join(root, 'verification/bootstrap.json'), JSON.stringify(planted));
    const view = await viewOf(root);
    expect(view.status.status).toBe('FAILING');
    expect(view.steps.map((step) => step.status.status)).toEqual(['VERIFIED', 'VERIFIED', 'FAILING', 'UNVERIFIED']);
  });

  it('is FAILING, on the built page too, when a report says passed but a step failed', async () => {
    const root = siteCopy();
    const planted = await plantEvidence(root, 'bootstrap');
    expect(planted.outcome).toBe('passed');
    planted.steps[2]!.outcome = 'failed';
    fs.writeFileSync(path.join(root, 'verification/bootstrap.json'), JSON.stringify(planted));
    const view = await viewOf(root);
    expect(view.status).toEqual({
      status: 'FAILING',
      reason: 'The last real run of this exact runbook reports step "nodes-ready" as failed.',
    });
    expect(view.steps.map((step) => step.status.status)).toEqual(['VERIFIED', 'VERIFIED', 'FAILING', 'VERIFIED']);
    const badge = renderToStaticMarkup(createElement(VerificationBadge, {status: view.status, lastRun: view.lastRun}));
    expect(badge).toContain('data-status="FAILING"');
    expect(badge).toContain('Failing');
    expect(badge).not.toContain('Verified');
  });

  it('refuses evidence from a simulated run', async () => {
    const root = siteCopy();
    await plantEvidence(root, 'bootstrap', {simulated: true});
    expect(() => readEvidence(root, 'bootstrap')).toThrow(/simulated run/);
  });

  it('shows time estimates rounded for readers', () => {
    expect(estimate(41_000)).toBe('about 40 s');
    expect(estimate(125_000)).toBe('about 2 min');
    expect(estimate(3_900_000)).toBe('about 1 h 5 min');
  });
});

describe('what verifies a runbook', () => {
  const steps = (...outcomes: Array<Evidence['steps'][number]['outcome']>) =>
    outcomes.map((outcome, index) => ({...passingEvidence().steps[0]!, id: `s${index}`, outcome}));
  const statusOf = (change: Partial<Evidence>) => runbookStatus(passingEvidence(change), SOURCE_HASH);

  it('without evidence, the runbook and each of its steps are UNVERIFIED', () => {
    const unverified = {status: 'UNVERIFIED', reason: 'No run on a real cluster has been recorded yet.'};
    const status = runbookStatus(undefined, SOURCE_HASH);
    expect(status).toEqual(unverified);
    expect(stepStatus('create', undefined, status)).toEqual(unverified);
  });

  it('is a real up run of this source that passed, exited 0, and passed or had already done every step', () => {
    expect(statusOf({}).status).toBe('VERIFIED');
    expect(statusOf({steps: steps('passed', 'already-done')}).status).toBe('VERIFIED');
  });

  it.each<[string, Partial<Evidence>, string]>([
    ['a failed step under outcome passed', {steps: steps('passed', 'failed')}, 'reports step "s1" as failed'],
    ['a step that did not run', {steps: steps('passed', 'not-run')}, 'reports step "s1" as not-run'],
    ['every step not run', {steps: steps('not-run', 'not-run')}, 'reports step "s0" as not-run'],
    ['an interrupted step', {steps: steps('interrupted')}, 'reports step "s0" as interrupted'],
    ['no steps at all', {steps: []}, 'recorded no steps'],
    ['a non-zero exit code', {exitCode: 1}, 'exited with code 1'],
    ['a teardown report (--down --report)', {mode: 'down'}, 'was a tear-down (--down), which verifies nothing'],
    ['a simulated run', {simulated: true}, 'was on the simulated toolchain, which proves nothing about a cluster'],
    ['a run that failed', {outcome: 'failed', exitCode: 1}, 'ended failed'],
  ])('is FAILING for %s', (_, change, why) => {
    expect(statusOf(change)).toEqual({status: 'FAILING', reason: `The last real run of this exact runbook ${why}.`});
  });

  it('lets a step skipped by an option stay unverified without failing the run, unless every step was skipped', () => {
    const skipped = {...steps('passed')[0]!, id: 'oidc', outcome: 'skipped' as const, reason: 'no --oidc'};
    const evidence = passingEvidence({steps: [...steps('passed'), skipped]});
    const status = runbookStatus(evidence, SOURCE_HASH);
    expect(status.status).toBe('VERIFIED');
    expect(stepStatus('oidc', evidence, status)).toEqual({
      status: 'UNVERIFIED',
      reason: 'This step was skipped in the last real run: no --oidc.',
    });
    expect(statusOf({steps: [skipped]}).reason).toBe('The last real run of this exact runbook skipped every step.');
    expect(statusOf({steps: [{...skipped, reason: undefined}]}).reason).toBe(
      'The last real run of this exact runbook reports step "oidc" as skipped.',
    );
  });

  it('is OUTDATED for any run of an older source, and never shows a teardown step as verified', () => {
    expect(runbookStatus(passingEvidence(), `sha256:${'b'.repeat(64)}`).status).toBe('OUTDATED');
    const teardown = passingEvidence({mode: 'down'});
    expect(stepStatus('create', teardown, runbookStatus(teardown, SOURCE_HASH)).status).toBe('UNVERIFIED');
  });
});
