/**
 * The remark plugin behind `<Runbook id="…" />`, run where Docusaurus runs it: after Docusaurus' own
 * headings and toc plugins, in an MDX compile. It passes the runbook's data (and its transcript, when
 * one was recorded) to the component, and splices the runbook's headings into the page's toc where the
 * component stands. (How it reads the id is tested in living-docs/runbook-embeds.test.ts.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {compile} from '@mdx-js/mdx';
import headings from '@docusaurus/mdx-loader/lib/remark/headings';
import docusaurusToc from '@docusaurus/mdx-loader/lib/remark/toc';
import {describe, expect, it} from 'vitest';
import remarkRunbookEmbed from '../../src/remark/runbook-embed';

/** A site with the runbooks bootstrap and velero-backup, and a transcript for velero-backup only. */
function site(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'edf-remark-'));
  fs.mkdirSync(path.join(root, 'runbooks'));
  fs.mkdirSync(path.join(root, 'verification'));
  for (const id of ['bootstrap', 'velero-backup']) fs.writeFileSync(path.join(root, 'runbooks', `${id}.ts`), '');
  fs.writeFileSync(path.join(root, 'verification', 'velero-backup.cast'), '');
  return root;
}

/** The compiled page, in the parts the plugin touches, with whitespace taken out of the code. */
async function compilePage(markdown: string, siteDir = site()) {
  const code = String(
    await compile(markdown, {
      remarkPlugins: [
        [headings, {anchorsMaintainCase: false}],
        docusaurusToc,
        [remarkRunbookEmbed, {siteDir, evidenceDir: 'verification'}],
      ],
    }),
  );
  const compact = (text: string) => text.replace(/\s+/g, '');
  return {
    imports: code.match(/^import .*$/gm)!.filter((line) => !line.includes('react/jsx-runtime')),
    toc: compact(/^export const toc = (\[[\s\S]*?\]);$/m.exec(code)![1]!),
    body: compact(code),
  };
}

const heading = (value: string) => `{"value":"${value}","id":"${value.toLowerCase()}","level":2}`;

describe('remark plugin runbook-embed', () => {
  it("imports the runbook's data, passes it to the component, and lists its headings where it stands", async () => {
    const page = await compilePage('# Page\n\n## Before\n\n<Runbook id="bootstrap" />\n\n## After\n');
    expect(page.imports).toEqual([
      'import __runbook_bootstrap from "@generated/runbooks/default/bootstrap.json";',
      'import {runbookToc} from "@site/src/components/Runbook/toc";',
    ]);
    expect(page.body).toContain('_jsx(Runbook,{id:"bootstrap",data:__runbook_bootstrap})');
    expect(page.toc).toBe(`[${heading('Before')},...runbookToc(__runbook_bootstrap),${heading('After')}]`);
  });

  it('passes the transcript too when the evidence folder holds one', async () => {
    const page = await compilePage('<Runbook id="velero-backup" />\n');
    expect(page.imports).toEqual([
      'import __runbook_velero_backup from "@generated/runbooks/default/velero-backup.json";',
      'import __runbook_velero_backup_cast from "@site/verification/velero-backup.cast";',
      'import {runbookToc} from "@site/src/components/Runbook/toc";',
    ]);
    expect(page.body).toContain(
      '_jsx(Runbook,{id:"velero-backup",data:__runbook_velero_backup,transcript:__runbook_velero_backup_cast})',
    );
    expect(page.toc).toBe('[...runbookToc(__runbook_velero_backup)]');
  });

  it('keeps each of two runbooks at its own place in the toc', async () => {
    const page = await compilePage(
      '## One\n\n<Runbook id="bootstrap" />\n\n## Two\n\n## Three\n\n<Runbook id="velero-backup" />\n\n## Four\n',
    );
    expect(page.toc).toBe(
      `[${heading('One')},...runbookToc(__runbook_bootstrap),${heading('Two')},${heading('Three')},...runbookToc(__runbook_velero_backup),${heading('Four')}]`,
    );
  });

  it('leaves a page without a runbook as Docusaurus made it', async () => {
    const page = await compilePage('# Page\n\n## Markdown\n');
    expect(page.imports).toEqual([]);
    expect(page.toc).toBe(`[${heading('Markdown')}]`);
  });

  it('fails the page, naming the id, when the runbook does not exist', async () => {
    await expect(compilePage('<Runbook id="forgejo-install" />\n')).rejects.toThrow(
      '<Runbook id="forgejo-install" />: there is no runbooks/forgejo-install.ts',
    );
  });
});
