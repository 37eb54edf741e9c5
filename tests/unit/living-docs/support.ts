/** A throwaway copy of the site's runbooks (sources linked, runbooks copied) to edit and plant evidence in. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {EventBus} from '../../../src/runbook/events';
import {execute} from '../../../src/runbook/executor';
import {loadRunbooks} from '../../../src/runbook/registry';
import {gitCommit, toEvidence, type Evidence} from '../../../src/runbook/reporters/evidence';
import {createSimWorld} from '../../../src/runbook/sim';

export const ROOT = path.resolve(__dirname, '../../..');

export function siteCopy(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'edf-site-'));
  fs.symlinkSync(path.join(ROOT, 'src'), path.join(root, 'src'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'));
  fs.cpSync(path.join(ROOT, 'runbooks'), path.join(root, 'runbooks'), {recursive: true});
  fs.mkdirSync(path.join(root, 'docs'));
  return root;
}

/**
 * Evidence as the verification workflow would write it after a passing real run. Made by a run
 * on the simulated toolchain and marked as real: a test fixture, never committed.
 */
export async function plantEvidence(root: string, id: string, change: Partial<Evidence> = {}): Promise<Evidence> {
  const entry = (await loadRunbooks(root)).get(id)!;
  const world = createSimWorld();
  const result = await execute({runbook: entry.runbook, mode: 'up', options: {yes: true, verbose: false, values: {}}, toolchain: world.toolchain(), bus: new EventBus(), root, signal: new AbortController().signal});
  const evidence = {...toEvidence(result, {sourceHash: entry.sourceHash, gitCommit: gitCommit(ROOT), runner: {name: 'github-actions'}}), simulated: false, ...change};
  fs.mkdirSync(path.join(root, 'verification'), {recursive: true});
  fs.writeFileSync(path.join(root, 'verification', `${id}.json`), JSON.stringify(evidence));
  return evidence;
}
