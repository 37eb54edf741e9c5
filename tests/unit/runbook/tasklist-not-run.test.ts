/** After a preflight failure the steps read "not run", not failed (review-newcomer: they looked like failed steps). */
import {describe, expect, it} from 'vitest';
import {taskListReporter} from '../../../src/runbook/reporters/tasklist';
import {standInTerminal} from './support';

/** The last frame listr2 drew: from the last line that names the preflight, with its mark. */
function lastFrame(screen: string): string {
  const text = screen.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
  return text.slice(text.lastIndexOf('\n', text.lastIndexOf('Preflight checks')) + 1);
}

describe('task list after a preflight failure', () => {
  it('marks the preflight failed and every step "not run"', async () => {
    const stdout = standInTerminal();
    const stderr = standInTerminal();
    const list = taskListReporter(
      [
        {id: 'create', title: 'Create the kind cluster'},
        {id: 'ready', title: 'Wait for the node'},
      ],
      {stdout, stderr},
      false,
    );
    list.listener({
      type: 'preflight',
      id: 'docker',
      title: 'Docker engine is reachable',
      ok: false,
      problem: 'Docker does not answer.',
      fix: 'Start Docker.',
    } as never);
    list.listener({type: 'run-end', outcome: 'preflight-failed', exitCode: 3, durationMs: 1} as never);
    await list.finished();
    const frame = lastFrame(stdout.screen);
    expect(frame).toContain('Docker does not answer.');
    expect(frame).toMatch(/Create the kind cluster: not run/);
    expect(frame).toMatch(/Wait for the node: not run/);
    // One failure mark (listr2's ✖), for the preflight only.
    expect(frame.match(/✖/g)).toHaveLength(1);
  });
});
