/**
 * An interactive likec4 diagram of one view of the architecture model (architecture-c4/).
 *
 * likec4's React code (about 2.5 MB) is loaded with a dynamic import, in the browser only, when a
 * reader scrolls the diagram into view (WhenInView): pages without a diagram never request it, and
 * a phone that opens a page with one below the fold does not parse it for nothing. Server rendering
 * is skipped on purpose; likec4's views do not hydrate correctly when rendered on the server.
 *
 * In the page the whole view is fitted to the column, which makes a large view's labels small
 * (on a phone, tiny). "Full screen" opens the same view over the whole window, where it can be
 * zoomed and panned until every label is legible.
 *
 * "Verification status" outlines the elements that use cases touch with their status (the C4
 * overlay of the traceability data), in the page and full screen alike.
 */
import {lazy, Suspense, useEffect, useRef, useState, type ReactNode} from 'react';
import BrowserOnly from '@docusaurus/BrowserOnly';
import type {$ViewId} from '@site/src/generated/likec4-views';
import ElementStatusOverlay, {useElementStatuses} from '@site/src/plugins/traceability/components/ElementStatusOverlay';
import WhenInView from '../WhenInView';
import styles from './styles.module.css';

const LikeC4View = lazy(() =>
  import('@site/src/generated/likec4-views').then((views) => ({default: views.LikeC4View})),
);

export interface ArchitectureViewProps {
  viewId: $ViewId;
  /** What the diagram shows, for the caption and for readers who cannot see it. */
  caption: string;
  /** Dynamic views only: draw the steps as a sequence diagram instead of a graph. */
  sequence?: boolean;
}

function Diagram({viewId, sequence, fullScreen}: {viewId: $ViewId; sequence: boolean; fullScreen: boolean}): ReactNode {
  const loading = <p className={styles.loading}>Loading the diagram…</p>;
  return (
    <BrowserOnly fallback={loading}>
      {() => (
        <Suspense fallback={loading}>
          <LikeC4View
            viewId={viewId}
            // In the page a click opens likec4's own explorer; full screen is already one.
            browser={!fullScreen}
            enableElementDetails
            enableRelationshipDetails
            dynamicViewVariant={sequence ? 'sequence' : 'diagram'}
            // The model's palette (architecture-c4/likec4.config.json) is tuned for contrast on white.
            colorScheme="light"
            injectFontCss={false}
            pannable={fullScreen}
            zoomable={fullScreen}
            controls={fullScreen}
            keepAspectRatio={!fullScreen}
          />
        </Suspense>
      )}
    </BrowserOnly>
  );
}

export default function ArchitectureView({viewId, caption, sequence = false}: ArchitectureViewProps): ReactNode {
  const [fullScreen, setFullScreen] = useState(false);
  const [overlay, setOverlay] = useState(false);
  const elements = useElementStatuses(viewId);
  const figure = useRef<HTMLElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const closer = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!fullScreen) return undefined;
    closer.current?.focus();
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setFullScreen(false);
    document.addEventListener('keydown', onKey);
    // The page behind does not scroll while the diagram covers it.
    document.body.style.overflow = 'hidden';
    return () => {
      document.removeEventListener('keydown', onKey);
      document.body.style.overflow = '';
      opener.current?.focus();
    };
  }, [fullScreen]);
  return (
    <figure className={styles.figure} data-testid={`likec4-${viewId}`} ref={figure}>
      {/* likec4 sizes the diagram to the page width, keeping the view's aspect ratio. */}
      <div className={styles.canvas}>
        <WhenInView placeholder={<p className={styles.loading}>The diagram is drawn as you scroll to it.</p>}>
          <Diagram viewId={viewId} sequence={sequence} fullScreen={false} />
        </WhenInView>
      </div>
      <figcaption className={styles.caption}>
        <button
          ref={opener}
          type="button"
          className={`button button--sm button--secondary ${styles.open}`}
          onClick={() => setFullScreen(true)}
        >
          Full screen
        </button>
        {elements.length > 0 && (
          <button
            type="button"
            className={`button button--sm button--secondary ${styles.open}`}
            aria-pressed={overlay}
            onClick={() => setOverlay(!overlay)}
          >
            Verification status
          </button>
        )}
        {caption} Open it full screen to zoom in, or click it to explore elements; the model is{' '}
        <code>architecture-c4/</code>, view <code>{viewId}</code>.
      </figcaption>
      {overlay && <ElementStatusOverlay elements={elements} figure={figure} />}
      {fullScreen && (
        <div
          className={styles.fullScreen}
          role="dialog"
          aria-modal="true"
          aria-label={`${caption} (full screen)`}
          data-testid="likec4-full-screen"
        >
          <div className={styles.fullScreenBar}>
            <span>Scroll or pinch to zoom, drag to move.</span>
            <button
              ref={closer}
              type="button"
              className="button button--sm button--primary"
              onClick={() => setFullScreen(false)}
            >
              Close
            </button>
          </div>
          <div className={styles.fullScreenCanvas}>
            <Diagram viewId={viewId} sequence={sequence} fullScreen />
          </div>
        </div>
      )}
    </figure>
  );
}
