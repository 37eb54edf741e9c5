/**
 * The checks behind `npm test` fail for each kind of damage to the decision log. Each case starts
 * from a copy of the real adr/ folder (which passes, see adr-log.test.ts) and breaks one thing.
 */
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {findCitations} from '../../src/adr/citations';
import {CITING_FOLDERS} from '../../src/adr/cli';
import {formatIssue} from '../../src/adr/model';
import {checkDecisions} from '../../src/adr/store';
import {adrCli, copyOfDecisionLog, edit, recordPath} from './adr-support';

function problems(root: string): string[] {
  return checkDecisions({root, adrDir: 'adr', citing: CITING_FOLDERS}).issues.map(formatIssue);
}

describe('a copy of the real decision log', () => {
  it('passes before anything is broken', () => {
    expect(problems(copyOfDecisionLog())).toEqual([]);
  });
});

describe('numbering', () => {
  it('a duplicate number fails, naming both files', () => {
    const root = copyOfDecisionLog();
    fs.copyFileSync(recordPath(root, 3), path.join(root, 'adr', '0003-another-routing-idea.md'));
    const found = problems(root);
    expect(found).toContainEqual(
      expect.stringMatching(
        /adr\/0003-another-routing-idea\.md: duplicate number 0003 \(also used by 0003-idpbuilder-path-routing\.md\)/,
      ),
    );
    expect(found).toContainEqual(expect.stringMatching(/adr\/0003-idpbuilder-path-routing\.md: duplicate number 0003/));
  });

  it('a gap in the numbers fails', () => {
    const root = copyOfDecisionLog();
    fs.rmSync(recordPath(root, 4));
    expect(problems(root)).toContainEqual(
      expect.stringMatching(/numbers must run 1\.\.\d+ without gaps, but 0004 is missing/),
    );
  });

  it('a record file not named NNNN-kebab-title.md fails', () => {
    const root = copyOfDecisionLog();
    fs.renameSync(recordPath(root, 8), path.join(root, 'adr', '0008_Multi_Repo.md'));
    expect(problems(root)).toContainEqual(
      expect.stringContaining('adr/0008_Multi_Repo.md: file name must be NNNN-kebab-title.md'),
    );
  });
});

describe('supersede links', () => {
  it('fails when the successor does not link back (supersedes missing)', () => {
    const root = copyOfDecisionLog();
    edit(recordPath(root, 7), (text) => text.replace(/^supersedes: 6\n/m, ''));
    expect(problems(root)).toContainEqual(
      expect.stringMatching(/0006-.*: superseded-by ADR-0007, but 0007-.* does not list 6 in "supersedes"/),
    );
  });

  it('fails when the old record does not link forward (superseded-by missing)', () => {
    const root = copyOfDecisionLog();
    edit(recordPath(root, 6), (text) => text.replace(/^superseded-by: 7\n/m, ''));
    const found = problems(root);
    expect(found).toContainEqual(
      expect.stringMatching(
        /0006-.*: status is superseded but superseded-by does not name the record that replaces it/,
      ),
    );
    expect(found).toContainEqual(
      expect.stringMatching(/0007-.*: supersedes ADR-0006, but 0006-.* does not say "superseded-by: 7"/),
    );
  });

  it('fails when superseded-by points to a record that does not exist', () => {
    const root = copyOfDecisionLog();
    edit(recordPath(root, 6), (text) => text.replace(/^superseded-by: 7$/m, 'superseded-by: 42'));
    expect(problems(root)).toContainEqual(
      expect.stringMatching(/0006-.*: superseded-by points to ADR-0042, which does not exist/),
    );
  });

  it('fails when superseded-by is set but the status still says accepted', () => {
    const root = copyOfDecisionLog();
    edit(recordPath(root, 6), (text) => text.replace(/^status: superseded$/m, 'status: accepted'));
    expect(problems(root)).toContainEqual(
      expect.stringMatching(/0006-.*: superseded-by is set \(ADR-0007\) but status is "accepted"/),
    );
  });

  it('fails when two records supersede each other (no record in force)', () => {
    const root = copyOfDecisionLog();
    edit(recordPath(root, 7), (text) => text.replace(/^status: accepted$/m, 'status: superseded\nsuperseded-by: 6'));
    edit(recordPath(root, 6), (text) => text.replace(/^superseded-by: 7$/m, 'superseded-by: 7\nsupersedes: 7'));
    expect(problems(root)).toContainEqual(expect.stringMatching(/never reaches a record in force/));
  });
});

describe('front matter and sections (MADR 4)', () => {
  const cases: [string, (text: string) => string, RegExp][] = [
    [
      'an unknown status',
      (text) => text.replace(/^status: accepted$/m, 'status: approved'),
      /status must be one of proposed, rejected, accepted, deprecated, superseded \(found "approved"\)/,
    ],
    [
      'a date that is not YYYY-MM-DD',
      (text) => text.replace(/^date: .*$/m, 'date: 1 October 2024'),
      /date must be a date written YYYY-MM-DD/,
    ],
    [
      'a date that is no day of the calendar (A9)',
      (text) => text.replace(/^date: .*$/m, 'date: 2024-02-30'),
      /date must be a date written YYYY-MM-DD \(found "2024-02-30"\)/,
    ],
    [
      'a Markdown link in the title (A8: its broken target failed only the build)',
      (text) => text.replace(/^# (.*)$/m, '# $1 [there](/docs/no-such-page)'),
      /the "# Title" heading holds a Markdown link/,
    ],
    ['no decision-makers', (text) => text.replace(/^decision-makers: .*\n/m, ''), /decision-makers is missing/],
    [
      'an empty decision-makers list',
      (text) => text.replace(/^decision-makers: .*$/m, 'decision-makers: []'),
      /decision-makers must name at least one person or role/,
    ],
    [
      'consulted that is not a list',
      (text) => text.replace(/^consulted: .*$/m, 'consulted: the whole team'),
      /consulted must be a list of names/,
    ],
    [
      'a misspelt key',
      (text) => text.replace(/^informed:/m, 'informed: []\nsuperseded_by: 3\ninformed_:'),
      /unknown front matter key "superseded_by"/,
    ],
    ['no front matter', (text) => text.replace(/^---\n[\s\S]*?\n---\n/, ''), /missing YAML front matter/],
    [
      'a missing section',
      (text) => text.replace(/^## Decision Drivers$/m, '## Drivers'),
      /missing section "## Decision Drivers"/,
    ],
    [
      'no Confirmation',
      (text) => text.replace(/^### Confirmation$/m, '### How we check'),
      /missing "### Confirmation" under "## Decision Outcome"/,
    ],
    [
      'an empty Confirmation',
      (text) => text.replace(/(### Confirmation\n)[\s\S]*?(\n## )/, '$1\n$2'),
      /"### Confirmation" is empty/,
    ],
  ];
  for (const [what, breakIt, expected] of cases) {
    it(`fails on ${what}`, () => {
      const root = copyOfDecisionLog();
      edit(recordPath(root, 2), breakIt);
      expect(problems(root)).toContainEqual(
        expect.stringMatching(new RegExp(`adr/0002-kind-for-local-clusters\\.md: ${expected.source}`)),
      );
    });
  }
});

describe('citations in docs/ and runbooks/', () => {
  function withPage(file: string, text: string): string[] {
    const root = copyOfDecisionLog();
    fs.mkdirSync(path.dirname(path.join(root, file)), {recursive: true});
    fs.writeFileSync(path.join(root, file), text);
    return problems(root);
  }

  it('a page citing a superseded record as current fails, pointing to its successor', () => {
    expect(withPage('docs/ways-of-working.md', '# Ways of working\n\nWe run a Scrum of Scrums (ADR-0006).\n')).toEqual([
      expect.stringMatching(
        /^docs\/ways-of-working\.md:3: cites ADR-0006 \("Organise the team as a Scrum of Scrums with SAFe value streams[^"]*"\) as current, but it is superseded by ADR-0007 \("Work in Kanban/,
      ),
    ]);
  });

  it('a runbook citing a superseded record by its page URL fails', () => {
    expect(
      withPage(
        'runbooks/team.ts',
        '// see https://docs/adr/x and\n// why: /adr/scrum-of-scrums-with-safe-value-streams\nexport {};\n',
      ),
    ).toEqual([expect.stringMatching(/^runbooks\/team\.ts:2: cites ADR-0006/)]);
  });

  it('a page linking the record file of a superseded record fails', () => {
    expect(
      withPage('docs/a/b.mdx', 'See [the old idea](../../adr/0006-scrum-of-scrums-with-safe-value-streams.md).\n'),
    ).toHaveLength(1);
  });

  it('a mention that says "superseded" on the same line is historical and passes', () => {
    expect(withPage('docs/history.md', 'ADR-0006 (superseded by ADR-0007) tried a Scrum of Scrums.\n')).toEqual([]);
  });

  it('citing a record in force passes, and citing one that does not exist fails', () => {
    expect(withPage('docs/ok.md', 'We use kind ([ADR-0002](/adr/kind-for-local-clusters)), see ADR 7.\n')).toEqual([]);
    expect(withPage('docs/bad.md', 'As decided in ADR-0042.\n')).toEqual([
      expect.stringMatching(/^docs\/bad\.md:1: cites ADR-0042, which is not a decision record/),
    ]);
  });

  it('does not mistake "MADR 4" or source paths like src/adr/parse.ts for citations', () => {
    expect(findCitations('Records use MADR 4; the logic is in src/adr/parse.ts and /adr lists them.')).toEqual([]);
  });
});

describe('npm run adr -- check', () => {
  it('exits 1 and lists the problems when the log is broken, 0 when it is sound', () => {
    const root = copyOfDecisionLog();
    expect(adrCli(['check'], root)).toMatchObject({code: 0, stdout: expect.stringMatching(/^\d+ records valid/)});
    fs.copyFileSync(recordPath(root, 1), path.join(root, 'adr', '0001-duplicate.md'));
    const run = adrCli(['check'], root);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('adr/0001-duplicate.md: duplicate number 0001');
  });
});
