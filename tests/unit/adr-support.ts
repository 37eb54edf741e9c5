/** Helpers for the decision-log tests: a throw-away copy of the repository's records and pages. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {main} from '../../src/adr/cli';

export const ROOT = path.resolve(__dirname, '../..');

/** A temporary "repository" with a copy of adr/ (records and template) and an empty docs/ and runbooks/. */
export function copyOfRealDecisionLog(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'edf-adr-'));
  fs.cpSync(path.join(ROOT, 'adr'), path.join(root, 'adr'), {recursive: true});
  fs.mkdirSync(path.join(root, 'docs'));
  fs.mkdirSync(path.join(root, 'runbooks'));
  return root;
}

/**
 * The copy with one supersede pair staged, which the supersede tests break in every way: ADR-0007
 * (accepted) supersedes ADR-0006. The real log records both as proposed ideas (the handbook
 * decided neither), so the pair is a fixture, made with the CLI the team would use.
 */
export function copyOfDecisionLog(): string {
  const root = copyOfRealDecisionLog();
  edit(recordPath(root, 7), (text) => text.replace(/^status: proposed$/m, 'status: accepted'));
  const staged = adrCli(['supersede', '6', '7'], root);
  if (staged.code !== 0) throw new Error(`could not stage ADR-0006 superseded by ADR-0007: ${staged.stderr}`);
  return root;
}

export function recordPath(root: string, number: number): string {
  const prefix = String(number).padStart(4, '0');
  const file = fs.readdirSync(path.join(root, 'adr')).find((name) => name.startsWith(`${prefix}-`));
  if (!file) throw new Error(`no record ${prefix} in ${root}`);
  return path.join(root, 'adr', file);
}

/** Rewrites a file in place. */
export function edit(file: string, change: (text: string) => string): void {
  const before = fs.readFileSync(file, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`edit of ${file} changed nothing`);
  fs.writeFileSync(file, after);
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function adrCli(args: string[], root: string, today = '2026-01-15'): CliRun {
  let stdout = '';
  let stderr = '';
  const code = main(args, {
    stdout: {write: (text: string) => (stdout += text)},
    stderr: {write: (text: string) => (stderr += text)},
    root,
    today,
  });
  return {code, stdout, stderr};
}
