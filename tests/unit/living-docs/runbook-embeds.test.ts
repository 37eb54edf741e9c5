/**
 * The remark plugin behind <Runbook> and the page scan read the id with one reader, so every form
 * the rendered page accepts also makes the page a runbook page (review D-23, D-24).
 */
import {describe, expect, it} from 'vitest';
import {parsePage} from '../../../src/living-docs/docs-scan';
import {runbookEmbeds} from '../../../src/living-docs/runbook-embeds';
import remarkRunbookEmbed from '../../../src/remark/runbook-embed';
import {ROOT} from './support';

/** The imports the remark plugin adds to a page, or the message it fails the page with. */
function render(text: string): string[] | string {
  const tree = parsePage('docs/page.mdx', text) as unknown as {
    type: 'root';
    children: Array<{type: string; value?: string}>;
  };
  try {
    remarkRunbookEmbed({siteDir: ROOT, evidenceDir: 'verification'})(tree, {
      fail: (message: string) => {
        throw new Error(message);
      },
    });
  } catch (error) {
    return (error as Error).message;
  }
  return tree.children.filter((node) => node.type === 'mdxjsEsm').map((node) => node.value!);
}

describe('<Runbook> ids', () => {
  it.each([
    "<Runbook id='bootstrap' />",
    '<Runbook title="Bootstrap" id="bootstrap" />',
    '<Runbook\n  id="bootstrap"\n/>',
  ])('are read alike by the renderer and the page scan: %s', (embed) => {
    const text = `# Page\n\n${embed}\n`;
    expect(render(text)).toEqual(['import __runbook_bootstrap from "@generated/runbooks/default/bootstrap.json";']);
    expect(runbookEmbeds(parsePage('docs/page.mdx', text))).toEqual([{id: 'bootstrap', line: 3}]);
  });

  it.each<[string, string]>([
    ['<Runbook id={name} />', '<Runbook> needs a literal id, e.g. <Runbook id="bootstrap" />'],
    ['<Runbook />', '<Runbook> needs a literal id, e.g. <Runbook id="bootstrap" />'],
    ['<Runbook id="../secrets" />', '<Runbook id="../secrets" />: a runbook id has only letters, digits, - and _'],
  ])('refuse %s in both', (embed, message) => {
    const text = `# Page\n\n${embed}\n`;
    expect(render(text)).toBe(message);
    expect(runbookEmbeds(parsePage('docs/page.mdx', text))).toEqual([{problem: message, line: 3}]);
  });
});
