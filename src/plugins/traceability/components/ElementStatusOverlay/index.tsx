/**
 * The verification overlay of an architecture view: outlines every node a use case touches with
 * the status of the weakest use case touching it, and lists those elements in words, so the
 * status never rests on colour alone. The statuses come from the traceability plugin (evidence of
 * real runs, rolled up at build time); likec4 draws each element as a React Flow node whose
 * `data-id` is the element id, which is what the outlines select.
 */
import Link from '@docusaurus/Link';
import {usePluginData} from '@docusaurus/useGlobalData';
import {Fragment, type ReactNode} from 'react';
import VerificationBadge from '@site/src/components/VerificationBadge';
import type {Status} from '@site/src/living-docs/status';
import type {ElementStatus} from '@site/src/traceability/overlay';
import {PLUGIN_NAME, type TraceabilityGlobalData} from '../../data';
import styles from './styles.module.css';

/** The badge colours for light backgrounds (diagrams stay white in both themes), and a line style each. */
const OUTLINE: Record<Status, string> = {
  VERIFIED: 'solid #0f6b2f',
  FAILING: 'solid #a4161a',
  OUTDATED: 'dashed #7a4a00',
  UNVERIFIED: 'dotted #444c56',
};

/** The elements of a view that use cases touch, in the order of the traceability data. */
export function useElementStatuses(viewId: string): ElementStatus[] {
  const {elements} = usePluginData(PLUGIN_NAME) as TraceabilityGlobalData;
  return elements.filter((element) => element.views.includes(viewId));
}

/** `scope` is a CSS selector for the figure whose diagrams get the outlines. */
export default function ElementStatusOverlay({elements, scope}: {elements: ElementStatus[]; scope: string}): ReactNode {
  const {route} = usePluginData(PLUGIN_NAME) as TraceabilityGlobalData;
  const outlines = elements
    .map(
      ({id, status}) =>
        `${scope} .react-flow__node[data-id="${id}"] { outline: 3px ${OUTLINE[status.status]}; outline-offset: 3px; }`,
    )
    .join('\n');
  return (
    <div className={styles.overlay} data-testid="element-status">
      <style>{outlines}</style>
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
