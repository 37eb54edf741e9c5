/**
 * What the traceability data may cite of the architecture model: every element id of the likec4
 * model in architecture-c4/ (model and deployment elements), the views each one appears in, and
 * the handbook page that embeds each view with <ArchitectureView viewId="..." />.
 *
 * The model is read in process with likec4's own parser, so an id is valid exactly when likec4
 * resolves it; no second reading of the DSL can drift from the one that draws the diagrams.
 */
import path from 'node:path';
import {LikeC4} from 'likec4';
import {visit} from 'unist-util-visit';
import {parsePage, type DocPage} from '../living-docs/docs-scan';
import type {JsxElementLike} from '../living-docs/runbook-embeds';
import {MODEL_DIR} from '../plugins/likec4/cli';

export interface C4Element {
  title: string;
  /** Ids of the views that show the element. */
  views: string[];
}

export async function readC4Elements(siteDir: string, modelDir = MODEL_DIR): Promise<Map<string, C4Element>> {
  const workspace = await LikeC4.fromWorkspace(path.join(siteDir, modelDir), {logger: false, printErrors: false});
  try {
    const errors = workspace.getErrors();
    if (errors.length)
      throw new Error(
        `${modelDir} has errors, so its element ids cannot be checked:\n${errors.map((error) => error.message).join('\n')}`,
      );
    const model = await workspace.computedModel();
    const elements = new Map<string, C4Element>();
    for (const element of [...model.elements(), ...model.deployment.elements()]) {
      elements.set(element.id, {title: element.title, views: [...element.views()].map((view) => view.id)});
    }
    return elements;
  } finally {
    await workspace.dispose();
  }
}

export const ARCHITECTURE_VIEW_COMPONENT = 'ArchitectureView';

/** View id -> repository path of the first page that embeds it, read from the pages' MDX trees. */
export function architectureViewPages(pages: DocPage[]): Map<string, string> {
  const embedded = new Map<string, string>();
  for (const page of pages) {
    visit(parsePage(page.file, page.text) as never, (node: JsxElementLike) => {
      if (node.type !== 'mdxJsxFlowElement' || node.name !== ARCHITECTURE_VIEW_COMPONENT) return;
      const viewId = node.attributes?.find(
        (attribute) => attribute.type === 'mdxJsxAttribute' && attribute.name === 'viewId',
      )?.value;
      if (typeof viewId === 'string' && !embedded.has(viewId)) embedded.set(viewId, page.file);
    });
  }
  return embedded;
}
