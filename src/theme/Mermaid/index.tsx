/**
 * Mermaid diagrams that draw on a first load in the dark scheme too, once a reader scrolls to
 * them (WhenInView).
 *
 * With a dark system preference the page hydrates in light and flips to dark right after, so
 * theme-mermaid renders each diagram twice under one element id. mermaid.render() first removes
 * any element with that id (mermaid 12.3.0, `removeExistingElements` in mermaid.core.mjs), which
 * is the SVG already on the page; when both renders yield the same markup React leaves the
 * emptied container as it is, and the diagram stays blank. A fresh instance per colour mode gets a
 * fresh id, so a render for one mode never removes the drawing of another.
 */
import type {ComponentProps, ReactNode} from 'react';
import {useColorMode} from '@docusaurus/theme-common';
import WhenInView from '@site/src/components/WhenInView';
import Mermaid from '@theme-original/Mermaid';
import styles from './styles.module.css';

export default function MermaidForColorMode(props: ComponentProps<typeof Mermaid>): ReactNode {
  const {colorMode} = useColorMode();
  // mermaid (about 450 KB gzipped) is imported when the first diagram of the page is drawn.
  return (
    <WhenInView placeholder={<p className={styles.pending}>The diagram is drawn as you scroll to it.</p>}>
      <Mermaid key={colorMode} {...props} />
    </WhenInView>
  );
}
