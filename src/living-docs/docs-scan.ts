/**
 * The handbook's Markdown and MDX pages, with the runbooks each one embeds. Shared by the
 * runbooks plugin (links from the verification page, the drift gate at build time) and tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import type {Root} from 'mdast';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import {unified} from 'unified';
import {runbookEmbeds} from './runbook-embeds';

export interface DocPage {
  /** Repository-relative path, e.g. docs/runbooks/bootstrap.mdx. */
  file: string;
  text: string;
  permalink: string;
  /** Runbook ids embedded with <Runbook id="..." />. */
  embeds: string[];
}

/**
 * A page's tree as the site reads it: Docusaurus (with future.v4) compiles every .md and .mdx
 * page as MDX, after taking off the front matter. The front matter is blanked, not cut, so that
 * lines in the tree are lines in the file.
 */
export function parsePage(file: string, text: string): Root {
  const frontMatter = /^---\r?\n[\s\S]*?\r?\n---(?=\r?\n|$)/.exec(text)?.[0] ?? '';
  try {
    return unified()
      .use(remarkParse)
      .use(remarkMdx)
      .parse(frontMatter.replace(/[^\n]/g, ' ') + text.slice(frontMatter.length)) as Root;
  } catch (error) {
    throw new Error(`${file}: the page is not valid MDX: ${(error as Error).message}`);
  }
}

/** The runbooks a page embeds; a <Runbook> the site could not render fails here too, with its line. */
export function embedsOf(file: string, text: string): string[] {
  return runbookEmbeds(parsePage(file, text)).map((embed) => {
    if (embed.problem !== undefined) throw new Error(`${file}:${embed.line}: ${embed.problem}`);
    return embed.id;
  });
}

export function docPages(root: string, dir = 'docs', routeBase = '/docs'): DocPage[] {
  return walk(path.join(root, dir)).map((absolute) => {
    const text = fs.readFileSync(absolute, 'utf8');
    const relative = path.relative(path.join(root, dir), absolute).split(path.sep).join('/');
    return {
      file: `${dir}/${relative}`,
      text,
      permalink: permalinkOf(relative, text, routeBase),
      embeds: embedsOf(`${dir}/${relative}`, text),
    };
  });
}

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, {withFileTypes: true})
    .flatMap((entry) =>
      entry.isDirectory()
        ? walk(path.join(dir, entry.name))
        : /\.mdx?$/.test(entry.name) && !entry.name.startsWith('_')
          ? [path.join(dir, entry.name)]
          : [],
    );
}

/** The docs plugin's default URL for a file, honouring a `slug` in the front matter. */
function permalinkOf(relative: string, text: string, routeBase: string): string {
  const slug = matter(text).data.slug as string | undefined;
  const folder = path.posix.dirname(relative);
  if (slug)
    return (
      path.posix.join(routeBase, slug.startsWith('/') ? slug : path.posix.join(folder, slug)).replace(/\/$/, '') ||
      routeBase
    );
  const base = path.posix.basename(relative).replace(/\.mdx?$/, '');
  const parts = folder === '.' ? [] : [folder];
  if (base !== 'index') parts.push(base);
  return [routeBase, ...parts].join('/');
}
