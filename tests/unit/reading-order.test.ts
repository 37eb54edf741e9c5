/**
 * One reading order: the "Start here" page's reading-order table names every sidebar section, in
 * the sidebar's order (sidebars.ts autogenerates it from docs/), and the sidebar itself has no two
 * siblings at the same position.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import {unified} from 'unified';
import {visit} from 'unist-util-visit';
import {toString} from 'mdast-util-to-string';
import type {Link, Root} from 'mdast';
import {describe, expect, it} from 'vitest';
import {docPages} from '../../src/living-docs/docs-scan';
import {sidebarSections} from '../../src/living-docs/sidebar-order';

const ROOT = path.resolve(__dirname, '../..');
const START_PAGE = 'docs/index.md';

/** The links of the section headed "Reading order…", in document order. */
function readingOrderLinks(markdown: string): string[] {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown) as Root;
  const start = tree.children.findIndex((node) => node.type === 'heading' && /reading order/i.test(toString(node)));
  const links: string[] = [];
  for (const node of tree.children.slice(start + 1)) {
    if (node.type === 'heading') break;
    visit(node, 'link', (link: Link) => void links.push(link.url.replace(/#.*$/, '')));
  }
  return links;
}

describe('reading order', () => {
  const pages = docPages(ROOT);
  const fileOf = new Map(pages.map((page) => [page.permalink, page.file]));
  const sections = sidebarSections(ROOT);
  const flat = sections.flatMap((section) => section.pages);
  const start = pages.find((page) => page.file === START_PAGE)!;
  const order = readingOrderLinks(start.text).map((link) => {
    const file = fileOf.get(link);
    if (!file) throw new Error(`${START_PAGE}: reading order links to ${link}, which is no handbook page`);
    return file;
  });

  it('lists pages in the order of the sidebar', () => {
    const positions = order.map((file) => flat.indexOf(file));
    const outOfOrder = order.filter((_file, i) => i > 0 && positions[i]! <= positions[i - 1]!);
    expect(outOfOrder, `sidebar order: ${flat.join(', ')}`).toEqual([]);
  });

  it('covers every sidebar section after the start page', () => {
    const covered = new Set(
      sections.filter((section) => section.pages.some((page) => order.includes(page))).map((section) => section.id),
    );
    const missing = sections
      .filter((section) => !section.pages.includes(START_PAGE) && !covered.has(section.id))
      .map((section) => section.id);
    expect(missing).toEqual([]);
  });

  it('puts the start page first and Platform 101 second', () => {
    expect(sections.slice(0, 2).map((section) => section.id)).toEqual(['index.md', 'platform-101']);
  });

  it('rejects two siblings at the same position (how Runbooks once landed second)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidebar-'));
    fs.mkdirSync(path.join(dir, 'docs/runbooks'), {recursive: true});
    fs.writeFileSync(path.join(dir, 'docs/index.md'), '---\nsidebar_position: 1\n---\n# Start\n');
    fs.writeFileSync(path.join(dir, 'docs/runbooks/index.md'), '---\nsidebar_position: 1\n---\n# Runbooks\n');
    expect(() => sidebarSections(dir)).toThrow(/index\.md and runbooks in docs\/\. share position 1/);
  });
});
