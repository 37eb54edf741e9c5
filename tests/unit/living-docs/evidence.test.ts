/**
 * Reading verification/<id>.json: only a valid report of a real up run becomes evidence; anything
 * else fails the build with "invalid evidence: <file>: <reason>" naming what is wrong (review E1–E22).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {MAX_EVIDENCE_BYTES, readEvidence} from '../../../src/living-docs/evidence';
import {passingEvidence} from './support';

function siteWith(content: string | ((file: string) => void)): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'edf-evidence-'));
  const file = path.join(root, 'verification', 'bootstrap.json');
  fs.mkdirSync(path.dirname(file), {recursive: true});
  if (typeof content === 'string') fs.writeFileSync(file, content);
  else content(file);
  return root;
}

const withChange = (change: Record<string, unknown>) => JSON.stringify({...passingEvidence(), ...change});
const problemOf = (root: string) => {
  try {
    readEvidence(root, 'bootstrap');
  } catch (error) {
    return (error as Error).message;
  }
  return undefined;
};

describe('reading evidence', () => {
  it('reads a valid report of a real up run, also behind a byte order mark', () => {
    expect(readEvidence(siteWith(JSON.stringify(passingEvidence())), 'bootstrap').evidence).toEqual(passingEvidence());
    expect(readEvidence(siteWith(`\uFEFF${JSON.stringify(passingEvidence())}`), 'bootstrap').evidence?.outcome).toBe(
      'passed',
    );
  });

  it.each<[string, string | ((file: string) => void), RegExp]>([
    [
      'truncated JSON',
      JSON.stringify(passingEvidence()).slice(0, 300),
      /^invalid evidence: verification\/bootstrap\.json: is not valid JSON \(/,
    ],
    ['an empty file', '', /: is not valid JSON \(/],
    ['null', 'null', /: is not an evidence report \(no schemaVersion\)$/],
    ['an array', '[]', /: is not an evidence report \(no schemaVersion\)$/],
    [
      'an unknown schema version',
      withChange({schemaVersion: 2}),
      /: schemaVersion 2 is not one this site reads \(1\)$/,
    ],
    ['no simulated field', withChange({simulated: undefined}), /: simulated: .*expected boolean/],
    ['no mode', withChange({mode: undefined}), /: mode: /],
    ['no exit code', withChange({exitCode: undefined}), /: exitCode: /],
    ['a step that is null', withChange({steps: [null]}), /: steps\[0\]: /],
    [
      'an unknown step outcome',
      withChange({steps: [{...passingEvidence().steps[0], outcome: 'ok'}]}),
      /: steps\[0\]\.outcome: /,
    ],
    ['a finishedAt that is no time', withChange({finishedAt: 'yesterday'}), /: finishedAt: /],
    ['tools that are null', withChange({tools: null}), /: tools: /],
    ['a durationMs that is no number', withChange({durationMs: 'abc'}), /: durationMs: /],
    ['a gitCommit that is a number', withChange({gitCommit: 12345}), /: gitCommit: /],
    [
      'a runner link that is not a web address',
      withChange({runner: {name: 'github-actions', url: 'javascript:alert(1)'}}),
      /: runner\.url: /,
    ],
    [
      'a teardown report (--down --report)',
      withChange({mode: 'down'}),
      /: is the report of a tear-down run \(--down\), which verifies nothing/,
    ],
    ['a simulated run', withChange({simulated: true}), /: is from a simulated run/],
    [
      'the report of another runbook',
      withChange({runbook: 'velero-backup'}),
      /: reports runbook "velero-backup", expected "bootstrap"$/,
    ],
    ['a folder', (file) => fs.mkdirSync(file), /: is not a file$/],
    [
      'a file beyond the size limit',
      (file) => fs.writeFileSync(file, ' '.repeat(MAX_EVIDENCE_BYTES + 1)),
      /: is \d+ bytes, more than the \d+ a report may have$/,
    ],
  ])('fails on %s, naming the file and the reason', (_, content, message) => {
    const problem = problemOf(siteWith(content));
    expect(problem).toMatch(/^invalid evidence: verification\/bootstrap\.json: /);
    expect(problem).toMatch(message);
  });
});
