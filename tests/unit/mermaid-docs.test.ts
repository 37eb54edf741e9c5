// @vitest-environment jsdom
/**
 * Every mermaid block in the handbook parses. Diagrams only render in the browser, so without this
 * a syntax error would show up as an empty space on the page (or an error box) after deployment.
 *
 * Every diagram also says where it comes from, in an italic caption right below it: the handbook's
 * own diagram, one drawn for this handbook, or a reconstruction of a picture the handbook lost. A
 * reader must not take a redrawing for the team's 2024 figure.
 */
import mermaid from 'mermaid';
import remarkParse from 'remark-parse';
import {unified} from 'unified';
import {toString} from 'mdast-util-to-string';
import type {Root} from 'mdast';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {docPages} from '../../src/living-docs/docs-scan';

const ROOT = path.resolve(__dirname, '../..');

interface Diagram {
  file: string;
  line: number;
  text: string;
  /** The italic paragraph right below the diagram, if there is one. */
  caption?: string;
}

/** A caption that says whose drawing this is. */
const PROVENANCE = /\b(reconstruct\w*|drawn for this (handbook|page)|the handbook's own diagram)\b/i;

function mermaidBlocks(file: string, markdown: string): Diagram[] {
  const blocks = (unified().use(remarkParse).parse(markdown) as Root).children;
  return blocks.flatMap((node, index) => {
    if (node.type !== 'code' || node.lang !== 'mermaid') return [];
    const next = blocks[index + 1];
    const caption = next?.type === 'paragraph' && next.children[0]?.type === 'emphasis' ? toString(next) : undefined;
    return [{file, line: node.position?.start.line ?? 0, text: node.value, caption}];
  });
}

/** Where a diagram lacks a caption that names its provenance. */
function withoutProvenance(diagrams: Diagram[]): string[] {
  return diagrams
    .filter((diagram) => !PROVENANCE.test(diagram.caption ?? ''))
    .map((diagram) => `${diagram.file}:${diagram.line}: ${diagram.caption ?? 'no caption'}`);
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

  it("says below each diagram whose drawing it is (the handbook's, drawn for this handbook, or reconstructed)", () => {
    expect(withoutProvenance(DIAGRAMS)).toEqual([]);
  });

  it('reports a diagram without such a caption, with its page and line', () => {
    const diagram = '```mermaid\nflowchart LR\n  a --> b\n```\n';
    expect(withoutProvenance(mermaidBlocks('planted.md', `# P\n\n${diagram}\n*The DevOps loop.*\n`))).toEqual([
      'planted.md:3: The DevOps loop.',
    ]);
    expect(withoutProvenance(mermaidBlocks('planted.md', `# P\n\n${diagram}\nText.\n`))).toEqual([
      'planted.md:3: no caption',
    ]);
    expect(
      withoutProvenance(mermaidBlocks('planted.md', `${diagram}\n*Reconstruction: the 2024 picture is lost.*\n`)),
    ).toEqual([]);
  });

  it('rejects a broken diagram, so the check can fail', async () => {
    const [broken] = mermaidBlocks('planted.md', '```mermaid\nflowchart LR\n  a -- "label --> b[\n```\n');
    await expect(mermaid.parse(broken!.text)).rejects.toThrow();
  });
});
