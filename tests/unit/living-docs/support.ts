/** A throwaway copy of the site's runbooks (sources linked, runbooks copied) to edit and plant evidence in. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {Evidence} from '../../../src/runbook/reporters/evidence';
import {plantEvidence as plant} from '../../support/evidence';

export const ROOT = path.resolve(__dirname, '../../..');

export function siteCopy(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'edf-site-'));
  fs.symlinkSync(path.join(ROOT, 'src'), path.join(root, 'src'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'));
  fs.cpSync(path.join(ROOT, 'runbooks'), path.join(root, 'runbooks'), {recursive: true});
  fs.mkdirSync(path.join(root, 'docs'));
  return root;
}

export async function plantEvidence(root: string, id: string, change: Partial<Evidence> = {}): Promise<Evidence> {
  return plant(root, id, 'verification', {change});
}

export const SOURCE_HASH = `sha256:${'a'.repeat(64)}`;

/** Evidence of a real, passing up run of a two-step runbook: each test breaks one thing in it. */
export function passingEvidence(change: Partial<Evidence> = {}): Evidence {
  const step = (id: string): Evidence['steps'][number] => ({
    id,
    title: `Step ${id}`,
    outcome: 'passed',
    durationMs: 1200,
    commands: [{command: `kind ${id}`, exitCode: 0, durationMs: 1100}],
  });
  return {
    schemaVersion: 1,
    runbook: 'bootstrap',
    title: 'Bootstrap',
    mode: 'up',
    outcome: 'passed',
    exitCode: 0,
    startedAt: '2025-03-01T10:00:00.000Z',
    finishedAt: '2025-03-01T10:02:00.000Z',
    durationMs: 120_000,
    simulated: false,
    kubeContext: 'kind-localdev',
    tools: {kind: '0.30.0'},
    kubernetesVersion: 'v1.34.0',
    preflight: [{id: 'docker', title: 'Docker answers', ok: true}],
    steps: [step('create'), step('ready')],
    notes: [],
    sourceHash: SOURCE_HASH,
    gitCommit: '4fe1ca8',
    runner: {name: 'github-actions', url: 'https://github.com/o/r/actions/runs/1'},
    ...change,
  };
}
