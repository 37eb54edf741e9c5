/**
 * Planted evidence for tests: what the verification workflow would write after a real run. It is
 * made by running the runbook on the simulated toolchain and then marked as real, so it exists
 * only in test folders and is never committed to verification/.
 */
import fs from 'node:fs';
import path from 'node:path';
import {EventBus} from '../../src/runbook/events';
import {bringUp, execute} from '../../src/runbook/executor';
import {loadRunbooks} from '../../src/runbook/registry';
import {asciicastRecorder} from '../../src/runbook/reporters/asciicast';
import {gitCommit, toEvidence, type Evidence} from '../../src/runbook/reporters/evidence';
import {createSimWorld} from '../../src/runbook/sim';

export const STALE_HASH = `sha256:${'0'.repeat(64)}`;

export async function plantEvidence(
  root: string,
  id: string,
  dir: string,
  options: {change?: Partial<Evidence>; transcript?: boolean} = {},
): Promise<Evidence> {
  const entries = await loadRunbooks(root);
  const entry = entries.get(id)!;
  const world = createSimWorld();
  // Prerequisites run first in the same world, as --with-needs does on a runner.
  await bringUp(
    entry.runbook.needs.map((need) => entries.get(need)!.runbook),
    {toolchain: world.toolchain(), root},
  );
  const bus = new EventBus();
  const recorder = asciicastRecorder(entry.runbook.title);
  bus.on(recorder.listener);
  const result = await execute({
    runbook: entry.runbook,
    mode: 'up',
    options: {yes: true, verbose: false, values: {}},
    toolchain: world.toolchain(),
    bus,
    root,
    signal: new AbortController().signal,
  });
  const evidence: Evidence = {
    ...toEvidence(result, {
      sourceHash: entry.sourceHash,
      gitCommit: gitCommit(root),
      runner: {name: 'github-actions'},
      transcript: options.transcript ? `${id}.cast` : undefined,
    }),
    simulated: false,
    ...options.change,
  };
  fs.mkdirSync(path.join(root, dir), {recursive: true});
  fs.writeFileSync(path.join(root, dir, `${id}.json`), JSON.stringify(evidence, null, 2));
  if (options.transcript) fs.writeFileSync(path.join(root, dir, `${id}.cast`), recorder.text());
  return evidence;
}
