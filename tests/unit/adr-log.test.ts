/**
 * The repository's own decision log, as `npm test` holds it: every record valid, numbers 1..N,
 * supersede links on both ends, and no handbook page or runbook citing a superseded record as
 * current. The build runs the same check (src/plugins/adr-index).
 */
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {CITING_FOLDERS} from '../../src/adr/cli';
import {formatIssue} from '../../src/adr/model';
import {checkDecisions, TEMPLATE_FILE} from '../../src/adr/store';
import {adrCli, copyOfRealDecisionLog, edit, recordPath, ROOT} from './adr-support';

describe('the decision log in adr/', () => {
  const {records, issues} = checkDecisions({root: ROOT, adrDir: 'adr', citing: CITING_FOLDERS});

  it('has no problems (records, numbering, supersede links, citations in docs/ and runbooks/)', () => {
    expect(issues.map(formatIssue)).toEqual([]);
  });

  it('holds every record file, and only record files, as a record', () => {
    const files = fs.readdirSync(path.join(ROOT, 'adr'));
    const recordFiles = files.filter((name) => /^\d{4}-.*\.md$/.test(name));
    expect(records.map((record) => record.file)).toEqual(recordFiles.sort());
    // The folder holds markdown that is not a record (the template, the index page): the "only" above is put to the test.
    expect(files.filter((name) => !recordFiles.includes(name))).toEqual(
      expect.arrayContaining([TEMPLATE_FILE, 'index.mdx']),
    );
  });

  it('supersedes a real record with the CLI: both ends linked, the log still valid', () => {
    const root = copyOfRealDecisionLog();
    edit(recordPath(root, 7), (text) => text.replace(/^status: proposed$/m, 'status: accepted'));
    expect(adrCli(['supersede', '6', '7'], root).code).toBe(0);
    const after = checkDecisions({root, adrDir: 'adr', citing: CITING_FOLDERS});
    expect(after.issues.map(formatIssue)).toEqual([]);
    const scrum = after.records.find((record) => /Scrum of Scrums/.test(record.title));
    const kanban = after.records.find((record) => /Kanban/.test(record.title));
    expect({status: scrum?.status, supersededBy: scrum?.supersededBy}).toEqual({
      status: 'superseded',
      supersededBy: kanban?.number,
    });
    expect(kanban?.supersedes).toContain(scrum?.number);
  });
});
