/**
 * An interactive likec4 diagram of one view of the architecture model (architecture-c4/).
 *
 * likec4's React code (about 2.5 MB) is loaded with a dynamic import, in the browser only: pages
 * without a diagram never request it, and pages with one show their text first. Server rendering
 * is skipped on purpose; likec4's views do not hydrate correctly when rendered on the server.
 */
import {lazy, Suspense, type ReactNode} from 'react';
import BrowserOnly from '@docusaurus/BrowserOnly';
import type {$ViewId} from '@site/src/generated/likec4-views';
import styles from './styles.module.css';

const LikeC4View = lazy(() => import('@site/src/generated/likec4-views').then((views) => ({default: views.LikeC4View})));

export interface ArchitectureViewProps {
  viewId: $ViewId;
  /** What the diagram shows, for the caption and for readers who cannot see it. */
  caption: string;
  /** Dynamic views only: draw the steps as a sequence diagram instead of a graph. */
  sequence?: boolean;
}

export default function ArchitectureView({viewId, caption, sequence = false}: ArchitectureViewProps): ReactNode {
  const loading = <p className={styles.loading}>Loading the diagram…</p>;
  return (
    <figure className={styles.figure} data-testid={`likec4-${viewId}`}>
      {/* likec4 sizes the diagram to the page width, keeping the view's aspect ratio. */}
      <div className={styles.canvas}>
        <BrowserOnly fallback={loading}>
          {() => (
            <Suspense fallback={loading}>
              <LikeC4View
                viewId={viewId}
                browser
                enableElementDetails
                enableRelationshipDetails
                dynamicViewVariant={sequence ? 'sequence' : 'diagram'}
                // The model's palette (architecture-c4/likec4.config.json) is tuned for contrast on white.
                colorScheme="light"
                injectFontCss={false}
              />
            </Suspense>
          )}
        </BrowserOnly>
      </div>
      <figcaption className={styles.caption}>
        {caption} Click the diagram to explore it; the model is <code>architecture-c4/</code>, view <code>{viewId}</code>.
      </figcaption>
    </figure>
  );
}
