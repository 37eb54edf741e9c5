/** Plans printed in a terminal paste and run as shown (issue 17): bash -n on every planned command. */
import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import type {Plan} from '../../../src/runbook/plan';
import {formatPlan, pasteBlock} from '../../../src/runbook/reporters/plan-text';
import {cliInSim} from './support';

async function plansOf(id: string): Promise<Plan[]> {
  const {code, stdout} = await cliInSim([id, '--plan', '--json']);
  expect(code).toBe(0);
  const parsed = JSON.parse(stdout) as Plan | Plan[];
  return Array.isArray(parsed) ? parsed : [parsed];
}

describe('plans as terminal text', async () => {
  const plans = await plansOf('all');
  const commands = plans.flatMap((plan) =>
    [...plan.steps, ...plan.down].flatMap((step) =>
      step.commands.map((command) => ({plan: plan.id, step: step.id, command})),
    ),
  );

  it('plans every runbook with commands to check', () => {
    expect(plans.map((plan) => plan.id).sort()).toEqual([
      'bootstrap',
      'cnoe-showtime',
      'forgejo-install',
      'velero-backup',
    ]);
    expect(commands.length).toBeGreaterThan(50);
  });

  it('every planned command passes bash -n, and each heredoc in it closes', () => {
    const broken = commands.flatMap(({plan, step, command}) => {
      const block = pasteBlock(command);
      const checked = spawnSync('bash', ['-n'], {input: block, encoding: 'utf8'});
      // bash -n only warns (exit 0) about a heredoc that runs to the end of the input.
      return checked.status === 0 && checked.stderr === ''
        ? []
        : [`${plan}/${step}: ${checked.stderr.trim() || `exit ${checked.status}`}\n${block}`];
    });
    expect(broken).toEqual([]);
  });

  it('prints exactly those blocks after the $, heredoc bodies and EOF at the left margin, no placeholder for a secret', () => {
    const text = plans.map((plan) => formatPlan(plan, {colour: false})).join('\n');
    for (const {command} of commands) expect(text).toContain(`$ ${pasteBlock(command)}`);
    expect(text).toMatch(/\nEOF\n/);
    expect(text).not.toMatch(/^\s+EOF/m);
    expect(text).not.toContain('[REDACTED]');
    // Command lines (not the heredoc bodies, which are the files as written) break before they get long.
    const commandLines = text.split('\n').filter((line) => / \$ /.test(line) || line.endsWith(' \\'));
    expect(commandLines.filter((line) => !line.includes('<<') && line.length > 140)).toEqual([]);
  });

  it('labels a read-only kubectl get inside an action as a read', () => {
    const text = formatPlan(plans.find((plan) => plan.id === 'velero-backup')!, {colour: false});
    expect(text).toContain(
      'reads    $ kubectl --context kind-localdev get secret minio-credentials -n minio --ignore-not-found -o json',
    );
  });
});

describe('colour', () => {
  it('uses colour on a terminal and none with NO_COLOR or when piped', async () => {
    const tty = await cliInSim(['bootstrap', '--plan'], undefined, {env: {}, tty: true});
    const noColour = await cliInSim(['bootstrap', '--plan'], undefined, {env: {NO_COLOR: '1'}, tty: true});
    const piped = await cliInSim(['bootstrap', '--plan'], undefined, {env: {}});
    expect(tty.stdout).toMatch(/\x1b\[\d+m/);
    expect(noColour.stdout).not.toMatch(/\x1b\[/);
    expect(piped.stdout).not.toMatch(/\x1b\[/);
    expect(tty.stdout.replace(/\x1b\[\d+m/g, '')).toBe(piped.stdout);
  });
});
