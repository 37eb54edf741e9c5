/** `npm run adr -- …` against a temporary copy of the decision log, never the real adr/. */
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {CITING_FOLDERS} from '../../src/adr/cli';
import {formatIssue} from '../../src/adr/model';
import {checkDecisions, readRecords} from '../../src/adr/store';
import {adrCli, copyOfDecisionLog, edit, recordPath, ROOT} from './adr-support';

function recordCount(root: string): number {
  return readRecords(path.join(root, 'adr')).records.length;
}

describe('adr new', () => {
  it('creates the next numbered record from the template, proposed and dated, and the log stays valid', () => {
    const root = copyOfDecisionLog();
    const before = recordCount(root);
    const next = String(before + 1).padStart(4, '0');
    const run = adrCli(['new', 'Use Kustomize for environment overlays'], root, '2026-02-03');
    expect(run).toMatchObject({code: 0, stderr: ''});
    expect(run.stdout).toContain(
      `Created adr/${next}-use-kustomize-for-environment-overlays.md (ADR-${next}, status proposed)`,
    );

    const text = fs.readFileSync(path.join(root, 'adr', `${next}-use-kustomize-for-environment-overlays.md`), 'utf8');
    expect(text).toMatch(/^---\nstatus: proposed\ndate: 2026-02-03\n/);
    expect(text).toContain('\n# Use Kustomize for environment overlays\n');
    expect(text).toContain('### Confirmation');
    expect(text).not.toMatch(/\{\{\w+\}\}/);
    expect(checkDecisions({root, adrDir: 'adr', citing: CITING_FOLDERS}).issues.map(formatIssue)).toEqual([]);
  });

  it('joins the words of an unquoted title, folds accents and keeps counting', () => {
    const root = copyOfDecisionLog();
    const before = recordCount(root);
    adrCli(['new', 'Größere', 'Knoten'], root);
    adrCli(['new', 'Second one'], root);
    const files = fs.readdirSync(path.join(root, 'adr'));
    expect(files).toContain(`${String(before + 1).padStart(4, '0')}-grossere-knoten.md`);
    expect(files).toContain(`${String(before + 2).padStart(4, '0')}-second-one.md`);
  });

  it('takes --date, and refuses a malformed one as a usage error', () => {
    const root = copyOfDecisionLog();
    expect(adrCli(['new', 'Dated', '--date', '2025-12-31'], root).code).toBe(0);
    const bad = adrCli(['new', 'Dated again', '--date', '31.12.2025'], root);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--date must be YYYY-MM-DD (got "31.12.2025")');
    // The shape of a date, but no day: Date.parse rolls it over to 1 March (A9).
    expect(adrCli(['new', 'Dated again', '--date', '2024-02-30'], root)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--date must be YYYY-MM-DD (got "2024-02-30")'),
    });
  });

  it('without a title, or with one that cannot name a file, is a usage error', () => {
    const root = copyOfDecisionLog();
    expect(adrCli(['new'], root)).toMatchObject({code: 2, stderr: expect.stringContaining('new needs a title')});
    expect(adrCli(['new', '!!!'], root)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('has no letters or digits'),
    });
    expect(adrCli(['new', 'Use <Foo>'], root)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('may not contain'),
    });
    expect(adrCli(['new', 'Click [there](/docs/no-such-page) now'], root)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('The title may not hold a Markdown link'),
    });
  });

  it('fails clearly when the folder has no template', () => {
    const root = copyOfDecisionLog();
    fs.rmSync(path.join(root, 'adr', '_template.md'));
    expect(adrCli(['new', 'Anything'], root)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('No template at'),
    });
  });
});

describe('adr supersede', () => {
  it('marks the old record superseded and links both ways, keeping the rest of the files', () => {
    const root = copyOfDecisionLog();
    adrCli(['new', 'Use Cilium instead of kindnet'], root);
    const replacement = recordCount(root);
    const kindBefore = fs.readFileSync(recordPath(root, 2), 'utf8');

    const run = adrCli(['supersede', '2', `ADR-${String(replacement).padStart(4, '0')}`], root);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `ADR-0002 "Use kind for local Kubernetes clusters" is now superseded by ADR-${String(replacement).padStart(4, '0')}`,
    );

    const kind = fs.readFileSync(recordPath(root, 2), 'utf8');
    expect(kind).toMatch(/^status: superseded$/m);
    expect(kind).toMatch(new RegExp(`^superseded-by: ${replacement}$`, 'm'));
    expect(kind).toMatch(/^decision-makers: \[EDF platform team\]$/m);
    expect(kind.slice(kind.indexOf('\n# '))).toBe(kindBefore.slice(kindBefore.indexOf('\n# ')));
    expect(fs.readFileSync(recordPath(root, replacement), 'utf8')).toMatch(/^supersedes: 2$/m);
    expect(checkDecisions({root, adrDir: 'adr', citing: CITING_FOLDERS}).issues.map(formatIssue)).toEqual([]);
  });

  it('adds to an existing supersedes list, and repeating the command changes nothing', () => {
    const root = copyOfDecisionLog();
    expect(adrCli(['supersede', '3', '7'], root).code).toBe(0);
    expect(fs.readFileSync(recordPath(root, 7), 'utf8')).toMatch(/^supersedes: \[3, 6\]$/m);
    const again = adrCli(['supersede', '3', '7'], root);
    expect(again).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('already superseded by ADR-0007; nothing to change'),
    });
  });

  it('refuses to supersede a record that another record already superseded (exit 1)', () => {
    const root = copyOfDecisionLog();
    const run = adrCli(['supersede', '6', '8'], root);
    expect(run).toMatchObject({
      code: 1,
      stderr: 'ADR-0006 is already superseded by ADR-0007; supersede that one instead.\n',
    });
  });

  it('refuses a superseded or rejected record as the replacement', () => {
    const root = copyOfDecisionLog();
    expect(adrCli(['supersede', '1', '6'], root)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(
        'ADR-0006 is superseded; only a proposed or accepted record can replace another.',
      ),
    });
    edit(recordPath(root, 8), (text) => text.replace(/^status: accepted$/m, 'status: rejected'));
    expect(adrCli(['supersede', '1', '8'], root).code).toBe(1);
  });

  it('treats bad numbers, unknown records and self-supersede as usage errors (exit 2)', () => {
    const root = copyOfDecisionLog();
    expect(adrCli(['supersede', 'six', '7'], root)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('"six" is not a record number'),
    });
    expect(adrCli(['supersede', '6'], root)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('supersede needs two record numbers'),
    });
    expect(adrCli(['supersede', '99', '7'], root)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('No record ADR-0099. Known: 1, 2,'),
    });
    expect(adrCli(['supersede', '7', '7'], root)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('cannot supersede itself'),
    });
  });
});

describe('adr list and usage', () => {
  it('list prints number, status, date, superseded-by and title of every record', () => {
    const root = copyOfDecisionLog();
    const run = adrCli(['list'], root);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NUMBER\s+STATUS\s+DATE\s+SUPERSEDED-BY\s+TITLE$/);
    expect(lines).toHaveLength(recordCount(root) + 1);
    expect(run.stdout).toMatch(/^0006\s+superseded\s+2024-08-29\s+0007\s+Organise the team as a Scrum of Scrums/m);
    expect(run.stdout).toMatch(/^0002\s+accepted\s+\d{4}-\d{2}-\d{2}\s+-\s+Use kind/m);
  });

  it('new, list and check read an absolute --dir alike (check used to look for it under the repository)', () => {
    const root = copyOfDecisionLog();
    const elsewhere = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'edf-adr-dir-')), 'records');
    fs.cpSync(path.join(root, 'adr'), elsewhere, {recursive: true});
    expect(adrCli(['new', 'Elsewhere', '--dir', elsewhere], root).code).toBe(0);
    expect(adrCli(['list', '--dir', elsewhere], root).stdout).toMatch(/\sElsewhere$/m);
    expect(adrCli(['check', '--dir', elsewhere], root)).toMatchObject({
      code: 0,
      stdout: expect.stringContaining(`${recordCount(root) + 1} records valid`),
    });
  });

  it('an unknown command, a missing command or an unknown option is a usage error with the help text', () => {
    const root = copyOfDecisionLog();
    for (const args of [['frobnicate'], [], ['list', '--verbose']]) {
      const run = adrCli(args, root);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain('Usage: npm run adr -- <command> [options]');
    }
  });

  it('the real entry point (scripts/adr.ts via tsx) exits 2 on bad usage and works on a --dir', () => {
    const root = copyOfDecisionLog();
    const tsx = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
    const bad = spawnSync(process.execPath, [tsx, 'scripts/adr.ts', 'frobnicate'], {cwd: ROOT, encoding: 'utf8'});
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('Unknown command "frobnicate".');
    const created = spawnSync(
      process.execPath,
      [tsx, 'scripts/adr.ts', 'new', 'From the shell', '--dir', path.join(root, 'adr')],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(created.status).toBe(0);
    expect(fs.readdirSync(path.join(root, 'adr'))).toContainEqual(expect.stringMatching(/-from-the-shell\.md$/));
  });
});
