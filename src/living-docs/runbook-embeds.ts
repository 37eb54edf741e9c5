/**
 * The one reader of `<Runbook id="..." />` in a page's MDX tree, shared by the remark plugin that
 * renders the component and by the page scan that makes a page a runbook page (drift gate,
 * verification links). MDX parses the attributes, so quotes, line breaks and attribute order are
 * read exactly as the rendered page reads them.
 */
import {visit} from 'unist-util-visit';

export const RUNBOOK_COMPONENT = 'Runbook';

/** The parts of an MDX JSX element (mdast-util-mdx-jsx) this reader needs. */
export interface JsxElementLike {
  type: string;
  name?: string | null;
  attributes?: Array<{type: string; name?: string; value?: unknown}>;
  position?: {start: {line: number}};
}

export type EmbedId = {id: string; problem?: undefined} | {id?: undefined; problem: string};

/** The runbook id of a `<Runbook>` element, or why it has none; undefined for any other node. */
export function embeddedRunbook(node: JsxElementLike): EmbedId | undefined {
  if ((node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') || node.name !== RUNBOOK_COMPONENT)
    return undefined;
  const id = node.attributes?.find(
    (attribute) => attribute.type === 'mdxJsxAttribute' && attribute.name === 'id',
  )?.value;
  if (typeof id !== 'string') return {problem: '<Runbook> needs a literal id, e.g. <Runbook id="bootstrap" />'};
  if (!/^[\w-]+$/.test(id)) return {problem: `<Runbook id="${id}" />: a runbook id has only letters, digits, - and _`};
  return {id};
}

/** Every `<Runbook>` of a page, in order, with its line. */
export function runbookEmbeds(tree: unknown): Array<EmbedId & {line: number}> {
  const embeds: Array<EmbedId & {line: number}> = [];
  visit(tree as never, (node: JsxElementLike) => {
    const embed = embeddedRunbook(node);
    if (embed) embeds.push({...embed, line: node.position?.start.line ?? 0});
  });
  return embeds;
}
