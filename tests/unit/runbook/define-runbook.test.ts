import {describe, expect, it} from 'vitest';
import {defineRunbook, type Runbook} from '../../../src/runbook/model';
import {loadRunbooks} from '../../../src/runbook/registry';
import {ROOT, testRunbook} from './support';

const base = testRunbook('demo', [{id: 'one', title: 'One', why: 'test', action: async () => {}}]);

describe('defineRunbook', () => {
  it('accepts the real runbooks', async () => {
    expect([...(await loadRunbooks(ROOT)).keys()].sort()).toEqual([
      'bootstrap',
      'cnoe-showtime',
      'forgejo-install',
      'velero-backup',
    ]);
  });

  it.each([
    [
      'a repeated step id',
      {steps: [...base.steps, {...base.steps[0]!, title: 'Again'}]},
      'step id "one" is used twice',
    ],
    ['a repeated teardown step id', {down: [base.steps[0]!, base.steps[0]!]}, 'teardown step id "one" is used twice'],
    [
      'a step that does nothing',
      {steps: [{id: 'idle', title: 'Idle', why: 'test'}]},
      'step "idle" has no check, action or verify',
    ],
    [
      'an option shadowed by a CLI flag',
      {options: [{name: 'context', description: 'mine'}]},
      "option --context is shadowed by the CLI's own --context",
    ],
    [
      'an option declared twice',
      {
        options: [
          {name: 'bucket', description: 'a'},
          {name: 'bucket', description: 'b'},
        ],
      },
      'option --bucket is declared twice',
    ],
    [
      'an id that is not a file name',
      {id: 'Velero Backup'},
      'id "Velero Backup" must be lower-case letters, digits and dashes',
    ],
  ])('refuses %s, naming it', (_what, change, message) => {
    expect(() => defineRunbook({...base, ...change} as Runbook)).toThrow(message);
  });
});
