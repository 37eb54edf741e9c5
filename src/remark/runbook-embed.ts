/**
 * Lets a page write `<Runbook id="bootstrap" />` and nothing else: this remark plugin imports the
 * runbook's data file (written by the runbooks plugin) and, when a transcript exists, the
 * transcript file, and passes both as props. The data is bundled with that page only.
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

function importNode(local: string, source: string) {
  return {
    type: 'mdxjsEsm',
    value: `import ${local} from ${JSON.stringify(source)};`,
    data: {
      estree: {
        type: 'Program',
        sourceType: 'module',
        body: [{type: 'ImportDeclaration', specifiers: [{type: 'ImportDefaultSpecifier', local: identifier(local)}], source: {type: 'Literal', value: source, raw: JSON.stringify(source)}}],
      },
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
      data: {estree: {type: 'Program', sourceType: 'module', body: [{type: 'ExpressionStatement', expression: identifier(variable)}]}},
    },
  };
}

export default function remarkRunbookEmbed(options: Options) {
  return (tree: Tree, file: VFileLike) => {
    const imports: unknown[] = [];
    visit(tree as never, (node: {type: string}) => {
      const embed = embeddedRunbook(node);
      if (!embed) return;
      if (embed.problem !== undefined) return file.fail(embed.problem);
      const {id} = embed;
      const element = node as unknown as JsxElement;
      if (!fs.existsSync(path.join(options.siteDir, 'runbooks', `${id}.ts`))) return file.fail(`<Runbook id="${id}" />: there is no runbooks/${id}.ts`);
      const variable = `__runbook_${id.replace(/\W/g, '_')}`;
      imports.push(importNode(variable, `@generated/${PLUGIN_NAME}/default/${id}.json`));
      element.attributes.push(expressionAttribute('data', variable));
      if (fs.existsSync(path.join(options.siteDir, options.evidenceDir, `${id}.cast`))) {
        imports.push(importNode(`${variable}_cast`, `@site/${options.evidenceDir}/${id}.cast`));
        element.attributes.push(expressionAttribute('transcript', `${variable}_cast`));
      }
    });
    tree.children.unshift(...imports);
  };
}
