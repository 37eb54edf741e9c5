// @vitest-environment jsdom
/**
 * Every mermaid block in the handbook parses. Diagrams only render in the browser, so without this
 * a syntax error would show up as an empty space on the page (or an error box) after deployment.
 */
import mermaid from 'mermaid';
import remarkParse from 'remark-parse';
import {unified} from 'unified';
import {visit} from 'unist-util-visit';
import type {Code, Root} from 'mdast';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {docPages} from '../../src/living-docs/docs-scan';

const ROOT = path.resolve(__dirname, '../..');

interface Diagram {
  file: string;
  line: number;
  text: string;
}

function mermaidBlocks(file: string, markdown: string): Diagram[] {
  const blocks: Diagram[] = [];
  visit(unified().use(remarkParse).parse(markdown) as Root, 'code', (node: Code) => {
    if (node.lang === 'mermaid') blocks.push({file, line: node.position?.start.line ?? 0, text: node.value});
  });
  return blocks;
}

const DIAGRAMS = docPages(ROOT).flatMap((page) => mermaidBlocks(page.file, page.text));

describe('mermaid diagrams in docs/', () => {
  it('finds the handbook diagrams', () => {
    expect(DIAGRAMS.length).toBeGreaterThanOrEqual(20);
  });

  it.each(DIAGRAMS.map((diagram) => [`${diagram.file}:${diagram.line}`, diagram] as const))(
    '%s parses',
    async (_where, diagram) => {
      await expect(mermaid.parse(diagram.text)).resolves.toBeTruthy();
    },
  );

  it('rejects a broken diagram, so the check can fail', async () => {
    const [broken] = mermaidBlocks('planted.md', '```mermaid\nflowchart LR\n  a -- "label --> b[\n```\n');
    await expect(mermaid.parse(broken!.text)).rejects.toThrow();
  });
});
