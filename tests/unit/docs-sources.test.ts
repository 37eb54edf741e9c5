/**
 * Every claim about upstream on a page names its source (the rule is documented at the top of
 * src/living-docs/upstream-claims.ts). The real handbook passes; a fixture shows that removing a
 * Source line, or citing nothing checkable, fails with the page and the line.
 */
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {docPages} from '../../src/living-docs/docs-scan';
import {cites, formatFinding, unsourcedClaims} from '../../src/living-docs/upstream-claims';

const ROOT = path.resolve(__dirname, '../..');
const PAGES = [...docPages(ROOT), ...docPages(ROOT, 'adr', '/adr')];

const THEN_NOW = `---
title: Fixture
description: what changed since 2024
---

# Fixture

## Then and now

| Then (2024) | Now |
|---|---|
| \`--package-dir\` | \`-p\` |

Source: cnoe-io/idpbuilder v0.7.0, \`pkg/cmd/create/root.go\`.

Unrelated text.
`;

describe('upstream claims carry a source', () => {
  it('the handbook and the decision records pass', () => {
    const findings = PAGES.flatMap((page) => unsourcedClaims(page.file, page.text));
    expect(findings.map(formatFinding)).toEqual([]);
  });

  it('finds the claims it checks on the real pages (the rule is not vacuous)', () => {
    const showtime = PAGES.find((page) => page.file === 'docs/platform-101/cnoe-showtime.mdx')!;
    const withoutSources = showtime.text.replace(/^\**Sources?:?\**.*$/gim, '');
    expect(unsourcedClaims(showtime.file, withoutSources).map((finding) => finding.kind)).toContain('then/now table');
  });

  it('a then/now table with a Source line below it passes', () => {
    expect(unsourcedClaims('docs/fixture.md', THEN_NOW)).toEqual([]);
  });

  it('removing the Source line fails, naming the page and the line of the table', () => {
    const findings = unsourcedClaims('docs/fixture.md', THEN_NOW.replace(/^Source:.*\n/m, ''));
    expect(findings).toHaveLength(1);
    expect(formatFinding(findings[0]!)).toMatch(/^docs\/fixture\.md:10: then\/now table without a source/);
  });

  it('a Source line that cites nothing checkable does not count', () => {
    const findings = unsourcedClaims(
      'docs/fixture.md',
      THEN_NOW.replace(/^Source:.*$/m, 'Source: the idpbuilder docs.'),
    );
    expect(findings.map((finding) => finding.line)).toEqual([10]);
  });

  it('a footnote that cites counts as a source', () => {
    const text =
      'Upstream idpbuilder now prints secrets as a table.[^1]\n\n[^1]: https://github.com/cnoe-io/idpbuilder/releases/tag/v0.10.1\n';
    expect(unsourcedClaims('docs/fixture.md', text)).toEqual([]);
    expect(unsourcedClaims('docs/fixture.md', text.replace('[^1]\n', '\n'))).toHaveLength(1);
  });

  it('a list under a "what changed upstream" heading needs a source; the section ends at the next heading', () => {
    const text = '## What changed upstream since 2024\n\n- The chart is OCI only.\n\n## Next\n\n- Something else.\n';
    expect(unsourcedClaims('docs/fixture.md', text).map((finding) => [finding.line, finding.kind])).toEqual([
      [3, 'list in a "what changed upstream" section'],
    ]);
  });

  it('a change pinned to a release ("since v0.9.0", "removed in chart v14") is a claim that needs a source', () => {
    const claims = [
      'Since v0.9.0 the default output is a table.',
      'kindnet enforces network policies since kind v0.24.0.',
      'The PostgreSQL subchart was removed in chart v14.',
    ];
    for (const claim of claims) {
      expect(
        unsourcedClaims('docs/fixture.md', `${claim}\n`).map((finding) => finding.kind),
        claim,
      ).toEqual(['upstream claim']);
      expect(
        unsourcedClaims(
          'docs/fixture.md',
          `${claim}\n\nSource: cnoe-io/idpbuilder v0.9.0 \`pkg/printer/secret.go\`.\n`,
        ),
        claim,
      ).toEqual([]);
    }
    expect(
      unsourcedClaims(
        'docs/fixture.md',
        'Platforms have been around since about 2019, orchestrators since late 2023.\n',
      ),
    ).toEqual([]);
  });

  it("upstream's history stated as a fact ('upstream never used', 'upstream … since') needs a source", () => {
    const claim =
      'The listing shows another name; upstream, the application has been called `backstage-templates` since the repository got it.\n';
    expect(unsourcedClaims('docs/fixture.md', claim).map((finding) => finding.kind)).toEqual(['upstream claim']);
    expect(
      unsourcedClaims('docs/fixture.md', `${claim}\nSource: cnoe-io/stacks 388a1b5 \`backstage-templates.yaml\`.\n`),
    ).toEqual([]);
    // The real page: without its Source line the renamed-application paragraph is reported.
    const showtime = PAGES.find((page) => page.file === 'docs/platform-101/cnoe-showtime.mdx')!;
    const withoutNameSource = showtime.text.replace(
      /^Source: cnoe-io\/stacks `ref-implementation\/backstage-templates\.yaml`[\s\S]*?\n\n/m,
      '',
    );
    expect(withoutNameSource).not.toBe(showtime.text);
    expect(unsourcedClaims(showtime.file, withoutNameSource).map((finding) => finding.excerpt)).toEqual([
      expect.stringContaining('The name included-backstage-templates is what'),
    ]);
  });

  it('cites a URL or a repository with a version or commit', () => {
    expect(cites('https://velero.io/docs/v1.18/file-system-backup/')).toBe(true);
    expect(cites('cnoe-io/stacks 148f518')).toBe(true);
    expect(cites('cnoe-io/stacks')).toBe(false);
    expect(cites('the upstream README')).toBe(false);
  });
});
