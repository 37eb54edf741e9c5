/**
 * The verification overlay of an architecture view: outlines every node a use case touches with
 * the status of the weakest use case touching it, and lists those elements in words, so the
 * status never rests on colour alone. The statuses come from the traceability plugin (evidence of
 * real runs, rolled up at build time); likec4 draws each element as a React Flow node whose
 * `data-id` is the element id, which is what the outlines select. likec4 draws inside a shadow
 * root (its styles stay apart from the page's), so the outlines go into each diagram's shadow
 * root in the figure, including the full-screen one that opens later.
 */
import Link from '@docusaurus/Link';
import {usePluginData} from '@docusaurus/useGlobalData';
import {Fragment, type ReactNode, type RefObject, useEffect, useMemo} from 'react';
import VerificationBadge from '@site/src/components/VerificationBadge';
import type {Status} from '@site/src/contract/status';
import type {ElementStatus} from '@site/src/traceability/overlay';
import {PLUGIN_NAME, type TraceabilityGlobalData} from '../../data';
import styles from './styles.module.css';

/**
 * The badge colours for light backgrounds (diagrams stay white in both themes), and a line style
 * each; 6px, because a view fitted to the column is drawn at about half size.
 */
const OUTLINE: Record<Status, string> = {
  VERIFIED: 'solid #0f6b2f',
  FAILING: 'solid #a4161a',
  OUTDATED: 'dashed #7a4a00',
  UNVERIFIED: 'dotted #444c56',
};

/** The elements of a view that use cases touch, in the order of the traceability data. */
export function useElementStatuses(viewId: string): ElementStatus[] {
  const {elements} = usePluginData(PLUGIN_NAME) as TraceabilityGlobalData;
  return useMemo(() => elements.filter((element) => element.views.includes(viewId)), [elements, viewId]);
}

function outlines(elements: ElementStatus[]): string {
  return elements
    .map(
      ({id, status}) =>
        `.react-flow__node[data-id="${id}"] { outline: 6px ${OUTLINE[status.status]}; outline-offset: 4px; }`,
    )
    .join('\n');
}

/** Puts the outlines into every diagram that is, or later appears, in `figure`; removes them on unmount. */
function useOutlines(figure: RefObject<HTMLElement | null>, elements: ElementStatus[]): void {
  useEffect(() => {
    const root = figure.current;
    if (!root) return undefined;
    const css = outlines(elements);
    const added: HTMLStyleElement[] = [];
    const dress = () => {
      for (const host of root.querySelectorAll('*')) {
        const shadow = host.shadowRoot;
        if (!shadow || shadow.querySelector('style[data-element-status]')) continue;
        const style = document.createElement('style');
        style.dataset.elementStatus = '';
        style.textContent = css;
        shadow.append(style);
        added.push(style);
      }
    };
    dress();
    const observer = new MutationObserver(dress);
    observer.observe(root, {childList: true, subtree: true});
    return () => {
      observer.disconnect();
      for (const style of added) style.remove();
    };
  }, [figure, elements]);
}

/** `figure` holds the diagrams that get the outlines. */
export default function ElementStatusOverlay({
  elements,
  figure,
}: {
  elements: ElementStatus[];
  figure: RefObject<HTMLElement | null>;
}): ReactNode {
  const {route} = usePluginData(PLUGIN_NAME) as TraceabilityGlobalData;
  useOutlines(figure, elements);
  return (
    <div className={styles.overlay} data-testid="element-status">
      <p className={styles.intro}>
        Outlined: the elements of this view that a use case touches, each with the status of the weakest use case
        touching it (from the evidence of real runs; see the <Link to={route}>traceability matrix</Link>): solid green
        verified, solid red failing, dashed amber outdated, dotted grey unverified.
      </p>
      <ul className={styles.list}>
        {elements.map((element) => (
          <li key={element.id} data-element={element.id}>
            <VerificationBadge status={element.status} compact /> {element.title} (<code>{element.id}</code>):{' '}
            {element.useCases.map((useCase, index) => (
              <Fragment key={useCase}>
                {index > 0 && ', '}
                <Link to={`${route}#${useCase}`}>{useCase}</Link>
              </Fragment>
            ))}
          </li>
        ))}
      </ul>
    </div>
  );
}
