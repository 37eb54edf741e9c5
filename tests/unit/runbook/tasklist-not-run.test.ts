/** After a preflight failure the steps read "not run", not failed (review-newcomer: they looked like failed steps). */
import {describe, expect, it} from 'vitest';
import {taskListReporter} from '../../../src/runbook/reporters/tasklist';
import {standInTerminal} from './support';

/** The last frame listr2 drew: from the last line that names the preflight, with its mark. */
function lastFrame(screen: string): string {
  const text = screen.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
  return text.slice(text.lastIndexOf('\n', text.lastIndexOf('Preflight checks')) + 1);
}

const INSTALL_KIND =
  'curl -Lo ./kind https://kind.sigs.k8s.io/dl/v0.30.0/kind-linux-amd64 && chmod +x ./kind && sudo mv ./kind /usr/local/bin/kind';

/** The preflight finds kind missing (the fix is a long install command), and the run ends there. */
function endWithKindMissing(listener: (event: never) => void): void {
  listener({
    type: 'preflight',
    id: 'kind',
    title: 'kind is installed',
    ok: false,
    problem: 'kind is not installed.',
    fix: INSTALL_KIND,
  } as never);
  listener({type: 'run-end', outcome: 'preflight-failed', exitCode: 3, durationMs: 1} as never);
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
    endWithKindMissing(list.listener);
    await list.finished();
    const frame = lastFrame(stdout.screen);
    expect(frame).toContain('2 problems, listed below with what to do');
    expect(frame).toMatch(/Create the kind cluster: not run/);
    expect(frame).toMatch(/Wait for the node: not run/);
    // One failure mark (listr2's ✖), for the preflight only.
    expect(frame.match(/✖/g)).toHaveLength(1);
  });

  it('prints each problem and what to do below the list, a long install command on one line', async () => {
    const stdout = Object.assign(standInTerminal(), {columns: 60});
    const stderr = standInTerminal();
    const list = taskListReporter([{id: 'create', title: 'Create the kind cluster'}], {stdout, stderr}, false);
    endWithKindMissing(list.listener);
    await list.finished();
    // Copied from the terminal, the command must be whole: listr2 would break it at 60 columns.
    expect(stderr.screen.split('\n')).toContain(`      what to do: ${INSTALL_KIND}`);
    expect(stderr.screen).toContain('✖ preflight: kind is not installed.');
  });
});
