/**
 * Lets a page write `<Runbook id="bootstrap" />` and nothing else: this remark plugin imports the
 * runbook's data file (written by the runbooks plugin) and, when a transcript exists, the
 * transcript file, and passes both as props. The data is bundled with that page only.
 *
 * It also lists the component's headings in the page's table of contents. Docusaurus' toc plugin
 * (mdx-loader `remark/toc`) runs before this one and exports `toc`, built from the Markdown
 * headings only; this plugin splices `...runbookToc(data)` into that array where the component
 * stands, so the TOC is computed from the same data and ids the component renders.
 */
import fs from 'node:fs';
import path from 'node:path';
import {visit} from 'unist-util-visit';
import {embeddedRunbook} from '../living-docs/runbook-embeds';
import {PLUGIN_NAME} from '../plugins/runbooks/constants';

interface JsxAttribute {
  type: 'mdxJsxAttribute';
  name: string;
  value?: string | {type: 'mdxJsxAttributeValueExpression'; value: string; data?: unknown} | null;
}

interface JsxElement {
  type: 'mdxJsxFlowElement' | 'mdxJsxTextElement';
  name: string | null;
  attributes: JsxAttribute[];
}

interface Tree {
  type: 'root';
  children: unknown[];
}

interface VFileLike {
  path?: string;
  fail(message: string): never;
}

export interface Options {
  siteDir: string;
  /** Repository-relative folder of the evidence (and transcripts). */
  evidenceDir: string;
}

const identifier = (name: string) => ({type: 'Identifier', name});

const TOC_MODULE = '@site/src/components/Runbook/toc';
const TOC_FUNCTION = 'runbookToc';

function importNode(local: string, source: string, named = false) {
  const specifier = named
    ? {type: 'ImportSpecifier', imported: identifier(local), local: identifier(local)}
    : {type: 'ImportDefaultSpecifier', local: identifier(local)};
  return {
    type: 'mdxjsEsm',
    value: named
      ? `import {${local}} from ${JSON.stringify(source)};`
      : `import ${local} from ${JSON.stringify(source)};`,
    data: {
      estree: {
        type: 'Program',
        sourceType: 'module',
        body: [
          {
            type: 'ImportDeclaration',
            specifiers: [specifier],
            source: {type: 'Literal', value: source, raw: JSON.stringify(source)},
          },
        ],
      },
    },
  };
}

interface EstreeNode {
  type: string;
  [key: string]: unknown;
}

/** The array of `export const toc = [...]`, as Docusaurus' toc plugin writes it. */
function tocArray(tree: Tree): EstreeNode[] | undefined {
  for (const child of tree.children as Array<{type: string; data?: {estree?: {body: EstreeNode[]}}}>) {
    const declaration = child.type === 'mdxjsEsm' ? child.data?.estree?.body[0] : undefined;
    if (declaration?.type !== 'ExportNamedDeclaration') continue;
    const declarator = (
      (declaration.declaration as EstreeNode | undefined)?.declarations as EstreeNode[] | undefined
    )?.[0];
    if ((declarator?.id as EstreeNode | undefined)?.name !== 'toc') continue;
    return (declarator!.init as {elements?: EstreeNode[]} | undefined)?.elements;
  }
  return undefined;
}

/** `...runbookToc(variable)`, an entry of the toc array. */
function tocSpread(variable: string): EstreeNode {
  return {
    type: 'SpreadElement',
    argument: {
      type: 'CallExpression',
      callee: identifier(TOC_FUNCTION),
      arguments: [identifier(variable)],
      optional: false,
    },
  };
}

function expressionAttribute(name: string, variable: string): JsxAttribute {
  return {
    type: 'mdxJsxAttribute',
    name,
    value: {
      type: 'mdxJsxAttributeValueExpression',
      value: variable,
      data: {
        estree: {
          type: 'Program',
          sourceType: 'module',
          body: [{type: 'ExpressionStatement', expression: identifier(variable)}],
        },
      },
    },
  };
}

export default function remarkRunbookEmbed(options: Options) {
  return (tree: Tree, file: VFileLike) => {
    const imports: unknown[] = [];
    // Where each runbook's headings go in the toc: after the Markdown headings (h2 and deeper) before it.
    const tocSlices: Array<{at: number; variable: string}> = [];
    let headingsBefore = 0;
    visit(tree as never, (node: {type: string; depth?: number}) => {
      if (node.type === 'heading' && (node.depth ?? 1) >= 2) headingsBefore++;
      const embed = embeddedRunbook(node);
      if (!embed) return;
      if (embed.problem !== undefined) return file.fail(embed.problem);
      const {id} = embed;
      const element = node as unknown as JsxElement;
      if (!fs.existsSync(path.join(options.siteDir, 'runbooks', `${id}.ts`)))
        return file.fail(`<Runbook id="${id}" />: there is no runbooks/${id}.ts`);
      const variable = `__runbook_${id.replace(/\W/g, '_')}`;
      imports.push(importNode(variable, `@generated/${PLUGIN_NAME}/default/${id}.json`));
      element.attributes.push(expressionAttribute('data', variable));
      tocSlices.push({at: headingsBefore, variable});
      if (fs.existsSync(path.join(options.siteDir, options.evidenceDir, `${id}.cast`))) {
        imports.push(importNode(`${variable}_cast`, `@site/${options.evidenceDir}/${id}.cast`));
        element.attributes.push(expressionAttribute('transcript', `${variable}_cast`));
      }
    });
    const toc = tocArray(tree);
    if (toc && tocSlices.length > 0) {
      imports.push(importNode(TOC_FUNCTION, TOC_MODULE, true));
      // From the last slice back, so the positions of the earlier ones stay right.
      for (const {at, variable} of [...tocSlices].reverse()) toc.splice(at, 0, tocSpread(variable));
    }
    tree.children.unshift(...imports);
  };
}
