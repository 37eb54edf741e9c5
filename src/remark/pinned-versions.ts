/**
 * Pinned versions on pages, read from the runbooks at build time (src/living-docs/pins.ts), so a
 * pin change cannot leave the text behind.
 *
 * Two spellings, because MDX treats `{` in prose as a JavaScript expression:
 * - in prose and tables: `<Pin name="kind-node-image" />`, rendered as inline code;
 * - inside inline code and code blocks (where MDX parses nothing): `{{pin:kind-node-image}}`.
 *
 * An unknown name fails the build with the page and line: a typo must not publish a blank version.
 * Registered before Docusaurus' default remark plugins, so headings (table of contents) and mermaid
 * blocks see the version, not the token.
 */
import {visit} from 'unist-util-visit';
import type {Root} from 'mdast';
import type {VFile} from 'vfile';
import {readPins, type Pins} from '../living-docs/pins';

export const PIN_TOKEN = /\{\{pin:([\w-]+)\}\}/g;

interface Position {
  start: {line: number};
}

interface Node {
  type: string;
  value?: string;
  name?: string | null;
  attributes?: Array<{type: string; name?: string; value?: unknown}>;
  position?: Position;
}

interface Parent extends Node {
  children: Node[];
}

type VFileLike = Pick<VFile, 'path' | 'fail'>;

export interface Options {
  /** Repository root the pins are read from. */
  siteDir: string;
  /** Pins to use instead of reading them (tests). */
  pins?: Pins;
}

const CODE_TYPES = new Set(['code', 'inlineCode']);
const PIN_ELEMENTS = new Set(['mdxJsxTextElement', 'mdxJsxFlowElement']);

function pinValue(pins: Pins, name: string, file: VFileLike, node: Node): string {
  const value = pins[name];
  if (value === undefined) {
    const line = node.position?.start.line ?? 0;
    file.fail(
      `${file.path ?? 'a page'}:${line}: unknown pin "${name}"; known pins: ${Object.keys(pins).join(', ')}`,
      node as never,
    );
  }
  return value;
}

function pinName(node: Node, file: VFileLike): string {
  const attribute = node.attributes?.find(
    (candidate) => candidate.type === 'mdxJsxAttribute' && candidate.name === 'name',
  );
  if (typeof attribute?.value !== 'string')
    file.fail(`${file.path ?? 'a page'}:${node.position?.start.line ?? 0}: <Pin> needs name="<pin>"`, node as never);
  return attribute.value as string;
}

export default function remarkPinnedVersions(options: Options) {
  // Read once per build; a test passes its own pins.
  const pins = options.pins ?? readPins(options.siteDir);
  return (tree: Root, file: VFile) => {
    visit(tree as never, (node: Node, index: number | undefined, parent: Parent | undefined) => {
      if (CODE_TYPES.has(node.type) && node.value?.includes('{{pin:')) {
        node.value = node.value.replace(PIN_TOKEN, (_token, name: string) => pinValue(pins, name, file, node));
      } else if (PIN_ELEMENTS.has(node.type) && node.name === 'Pin' && parent && index !== undefined) {
        const value = pinValue(pins, pinName(node, file), file, node);
        const code = {type: 'inlineCode', value, position: node.position};
        // A <Pin /> alone on a line is a flow element; it still reads as inline text.
        parent.children[index] =
          node.type === 'mdxJsxFlowElement'
            ? ({type: 'paragraph', children: [code], position: node.position} as Parent)
            : code;
      }
    });
  };
}
