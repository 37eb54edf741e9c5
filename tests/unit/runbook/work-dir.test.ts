/**
 * Runs on two kube contexts from one checkout hold two locks (one per context), so they must not
 * share a work folder: a second velero-backup on another cluster would overwrite the first one's
 * drill value and the first restore drill would then compare the wrong bytes.
 */
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {workDirOf} from '../../../src/runbook/context';
import {createSimWorld} from '../../../src/runbook/sim';
import {ROOT, runInSim, testRunbook} from './support';

const keepsAValue = testRunbook('keeper', [
  {
    id: 'keep',
    title: 'Keep a value in the work folder',
    why: 'fixture',
    action: async (ctx) => ctx.files.write(`${ctx.workDir}/value`, ctx.kubeContext, 0o600),
  },
]);

describe('work folders', () => {
  it('are one per context, so runs on two clusters from one checkout keep their files apart', async () => {
    const world = createSimWorld();
    for (const context of [undefined, 'team', 'prod/eu..x']) {
      const {result} = await runInSim(keepsAValue, world, {options: {context}});
      expect(result.exitCode).toBe(0);
    }
    const kept = [...world.files].map(([file, {content}]) => [path.relative(ROOT, file), content]);
    expect(kept.sort()).toEqual([
      ['.cache/runbooks/keeper/value', 'kind-localdev'],
      ['.cache/runbooks/prod%2Feu%2E%2Ex/keeper/value', 'prod/eu..x'],
      ['.cache/runbooks/team/keeper/value', 'team'],
    ]);
  });

  it('of the kind cluster keep the short path the plans and pages show', () => {
    expect(workDirOf('velero-backup', 'kind-localdev')).toBe('.cache/runbooks/velero-backup');
    expect(workDirOf('velero-backup', 'team')).toBe('.cache/runbooks/team/velero-backup');
  });
});
