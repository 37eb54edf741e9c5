import fs from 'node:fs';
import path from 'node:path';
import {renderToStaticMarkup} from 'react-dom/server';
import {createElement} from 'react';
import {describe, expect, it} from 'vitest';
import VerificationBadge from '../../../src/components/VerificationBadge';
import {readEvidence} from '../../../src/living-docs/evidence';
import {estimate, runbookStatus, stepStatus} from '../../../src/living-docs/status';
import {sourceHash} from '../../../src/runbook/registry';
import {buildRunbookView} from '../../../src/living-docs/page-data';
import {planRunbook} from '../../../src/runbook/plan';
import {loadRunbooks} from '../../../src/runbook/registry';
import {plantEvidence, siteCopy} from './support';

async function viewOf(root: string) {
  const entry = (await loadRunbooks(root)).get('bootstrap')!;
  const plan = await planRunbook({runbook: entry.runbook, sourceHash: entry.sourceHash, prerequisites: [], root});
  return buildRunbookView(plan, readEvidence(root, 'bootstrap'));
}

describe('verification status', () => {
  it('is UNVERIFIED without evidence', async () => {
    const view = await viewOf(siteCopy());
    expect(view.status.status).toBe('UNVERIFIED');
    expect(view.steps.every((step) => step.status.status === 'UNVERIFIED')).toBe(true);
    expect(view.lastRun).toBeUndefined();
  });

  it('is VERIFIED with passing evidence for the current source, per runbook and per step', async () => {
    const root = siteCopy();
    const evidence = await plantEvidence(root, 'bootstrap');
    const view = await viewOf(root);
    expect(view.status.status).toBe('VERIFIED');
    expect(view.steps.map((step) => step.status.status)).toEqual(['VERIFIED', 'VERIFIED', 'VERIFIED', 'VERIFIED']);
    expect(view.lastRun).toMatchObject({outcome: 'passed', tools: {kind: '0.30.0', kubectl: '1.34.1'}, kubernetesVersion: 'v1.34.0', current: true});
    const badge = renderToStaticMarkup(createElement(VerificationBadge, {status: view.status, lastRun: view.lastRun}));
    expect(badge).toContain('Verified');
    expect(badge).toContain(evidence.finishedAt.slice(0, 10));
    expect(badge).toContain('kind 0.30.0');
    expect(badge).toContain('Kubernetes v1.34.0');
  });

  it('turns OUTDATED when the runbook is edited after the run', async () => {
    const root = siteCopy();
    await plantEvidence(root, 'bootstrap');
    const file = path.join(root, 'runbooks', 'bootstrap.ts');
    fs.appendFileSync(file, '\n// an edit after the last verified run\n');
    const view = await viewOf(root);
    expect(view.status.status).toBe('OUTDATED');
    expect(view.steps[0]!.status.status).toBe('OUTDATED');
    expect(view.lastRun?.current).toBe(false);
  });

  it('turns OUTDATED when an asset of the runbook changes', () => {
    const root = siteCopy();
    const before = sourceHash(root, 'bootstrap');
    fs.appendFileSync(path.join(root, 'runbooks/assets/bootstrap/kind-localdev.yaml'), '# changed\n');
    expect(sourceHash(root, 'bootstrap')).not.toBe(before);
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

  it('refuses evidence from a simulated run', async () => {
    const root = siteCopy();
    await plantEvidence(root, 'bootstrap', {simulated: true});
    expect(() => readEvidence(root, 'bootstrap')).toThrow(/simulated run/);
  });

  it('shows time estimates rounded for readers', () => {
    expect(estimate(41_000)).toBe('about 40 s');
    expect(estimate(125_000)).toBe('about 2 min');
    expect(estimate(3_900_000)).toBe('about 1 h 5 min');
    expect(stepStatus('x', undefined, runbookStatus(undefined, 'sha256:x')).status).toBe('UNVERIFIED');
  });
});
