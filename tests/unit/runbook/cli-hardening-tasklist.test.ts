/** The --down confirmation is visible in a terminal (review-reliability.md C21): the task list stops drawing while it asks. */
import {describe, expect, it} from 'vitest';
import {taskListReporter} from '../../../src/runbook/reporters/tasklist';
import {standInTerminal} from './support';

describe('task list and prompts', () => {
  it('a question asked during a step reaches the terminal while it waits for the answer', async () => {
    const stdout = standInTerminal();
    const stderr = standInTerminal();
    const list = taskListReporter([{id: 'delete', title: 'Delete the kind cluster localdev'}], {stdout, stderr}, false);
    list.listener({
      type: 'step-start',
      stepId: 'delete',
      title: 'Delete the kind cluster localdev',
      index: 0,
      total: 1,
    });

    let seenWhileAsking = '';
    const answer = await list.pausedFor(async () => {
      // What readline does: write the question to the terminal, then wait for input.
      stdout.write('Delete the kind cluster localdev and everything in it? [y/N] ');
      await new Promise((resolve) => setTimeout(resolve, 50));
      seenWhileAsking = stdout.screen;
      return true;
    });

    expect(answer).toBe(true);
    expect(seenWhileAsking).toContain('Delete the kind cluster localdev and everything in it? [y/N]');
    list.listener({type: 'step-end', stepId: 'delete', outcome: 'passed', durationMs: 1});
    list.listener({type: 'run-end', outcome: 'passed', exitCode: 0, durationMs: 1});
    await list.finished();
    // The list went on drawing after the answer and ended with the step done.
    expect(stdout.screen.slice(stdout.screen.indexOf('[y/N]'))).toContain('Delete the kind cluster localdev');
  });
});
