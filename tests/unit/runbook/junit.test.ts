/**
 * The JUnit file of a run (--report): one test suite per runbook, one test case per preflight check
 * and per step, so a CI system shows which check or step failed and why, without opening the report.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {XMLParser} from 'fast-xml-parser';
import {describe, expect, it} from 'vitest';
import {type Evidence, gitCommit, toJUnit} from '../../../src/runbook/reporters/evidence';
import {passingEvidence} from '../living-docs/support';
import {ROOT} from './support';

interface Case {
  '@_classname': string;
  '@_name': string;
  '@_time'?: string;
  failure?: {'@_message': string};
  skipped?: string;
  'system-out'?: string;
  'system-err'?: string;
}

/** The suite as a CI system reads it: its attributes, properties and test cases. */
function parse(evidence: Evidence) {
  const parser = new XMLParser({
    ignoreAttributes: false,
    parseAttributeValue: false,
    htmlEntities: true, // numeric references too: the builder writes a newline in an attribute as &#xA;
    isArray: (name) => name === 'testcase' || name === 'property',
  });
  const {testsuites} = parser.parse(toJUnit(evidence));
  const {testcase, properties, ...suite} = testsuites.testsuite;
  return {
    totals: {tests: testsuites['@_tests'], failures: testsuites['@_failures'], skipped: testsuites['@_skipped']},
    suite,
    properties: Object.fromEntries(
      (properties.property as Array<{'@_name': string; '@_value': string}>).map((p) => [p['@_name'], p['@_value']]),
    ),
    cases: testcase as Case[],
  };
}

const step = (id: string, change: Partial<Evidence['steps'][number]>): Evidence['steps'][number] => ({
  ...passingEvidence().steps[0]!,
  id,
  title: `Step ${id}`,
  ...change,
});

describe('toJUnit', () => {
  it('writes a passing run as one suite: runbook, start, seconds, source hash, a case per check and step', () => {
    const junit = parse(passingEvidence());
    expect(junit.suite).toMatchObject({
      '@_name': 'runbook bootstrap',
      '@_timestamp': '2025-03-01T10:00:00.000Z',
      '@_time': '120',
    });
    expect(junit.properties).toEqual({sourceHash: `sha256:${'a'.repeat(64)}`, simulated: 'false'});
    expect(junit.totals).toEqual({tests: '3', failures: '0', skipped: '0'});
    expect(junit.cases).toEqual([
      {'@_classname': 'bootstrap.preflight', '@_name': 'Docker answers'},
      {'@_classname': 'bootstrap.steps', '@_name': 'Step create', '@_time': '1.2'},
      {'@_classname': 'bootstrap.steps', '@_name': 'Step ready', '@_time': '1.2'},
    ]);
  });

  it('reports a failed step with its message, and its stderr tail and diagnostics as system-err', () => {
    const evidence = passingEvidence({
      outcome: 'failed',
      exitCode: 1,
      steps: [
        step('create', {}),
        step('ready', {
          outcome: 'failed',
          failure: {message: 'Nodes not Ready after 3 min <kind-localdev> & co', stderrTail: 'error: timed out'},
          diagnostics: [{title: 'kubectl get events', command: 'kubectl get events', output: 'Warning FailedMount'}],
        }),
      ],
    });
    const junit = parse(evidence);
    expect(junit.totals).toMatchObject({failures: '1'});
    expect(junit.cases[2]).toMatchObject({
      '@_name': 'Step ready',
      failure: {'@_message': 'Nodes not Ready after 3 min <kind-localdev> & co'},
      'system-err': 'error: timed out\n--- kubectl get events\nWarning FailedMount',
    });
  });

  it('reports a failed preflight check with its problem and what to do, and a skipped one as skipped', () => {
    const junit = parse(
      passingEvidence({
        outcome: 'preflight-failed',
        exitCode: 3,
        preflight: [
          {id: 'docker', title: 'Docker answers', ok: false, problem: 'Docker is not running.', fix: 'Start Docker.'},
          {id: 'ports', title: 'Ports are free', ok: true, skipped: 'no cluster to create'},
        ],
        steps: [],
      }),
    );
    expect(junit.totals).toEqual({tests: '2', failures: '1', skipped: '1'});
    expect(junit.cases).toEqual([
      {
        '@_classname': 'bootstrap.preflight',
        '@_name': 'Docker answers',
        failure: {'@_message': 'Docker is not running.\nWhat to do: Start Docker.'},
      },
      {
        '@_classname': 'bootstrap.preflight',
        '@_name': 'Ports are free',
        skipped: '',
        'system-out': 'no cluster to create',
      },
    ]);
  });

  it('marks steps that did not run as skipped, with the reason or the outcome, and already done steps as passed', () => {
    const junit = parse(
      passingEvidence({
        steps: [
          step('oidc', {outcome: 'skipped', reason: 'no --oidc'}),
          step('later', {outcome: 'not-run'}),
          step('cut', {outcome: 'interrupted'}),
          step('there', {outcome: 'already-done'}),
        ],
      }),
    );
    expect(junit.totals).toEqual({tests: '5', failures: '0', skipped: '3'});
    expect(junit.cases.slice(1).map((entry) => [entry['@_name'], entry.skipped, entry['system-out']])).toEqual([
      ['Step oidc', '', 'no --oidc'],
      ['Step later', '', 'not-run'],
      ['Step cut', '', 'interrupted'],
      ['Step there', undefined, 'already done'],
    ]);
  });
});

describe('gitCommit', () => {
  it('reads the commit of the checkout, and gives up on a git that never answers instead of hanging the report', () => {
    expect(gitCommit(ROOT)).toMatch(/^[0-9a-f]{40}$/);
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'edf-hung-git-'));
    fs.writeFileSync(path.join(bin, 'git'), '#!/bin/sh\nexec sleep 600\n', {mode: 0o755});
    expect(gitCommit(ROOT, {...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`}, 300)).toBeUndefined();
    fs.rmSync(bin, {recursive: true});
  });
});
