/**
 * Renders heavy content (a diagram and the library that draws it) only once a reader scrolls it
 * into view. The diagram libraries are megabytes of JavaScript: loaded with the page, a phone
 * parses them for diagrams below the fold that the reader may never reach, and the page stays
 * unresponsive meanwhile (Lighthouse's total blocking time). Printing counts as in view.
 *
 * Until then the placeholder stands in, marked `data-diagram="pending"` (browser tests scroll to
 * such placeholders, as a reader would, before they look at a diagram).
 */
import {type ReactNode, useEffect, useRef, useState} from 'react';

export default function WhenInView({children, placeholder}: {children: ReactNode; placeholder: ReactNode}): ReactNode {
  const anchor = useRef<HTMLDivElement>(null);
  const [inView, setInView] = useState(false);
  useEffect(() => {
    const element = anchor.current;
    if (inView || !element) return undefined;
    if (typeof IntersectionObserver === 'undefined') {
      setInView(true);
      return undefined;
    }
    // From the moment its edge comes into view: loading ahead would not make a library of
    // hundreds of kilobytes arrive much sooner on a phone's network, and would load it on pages
    // whose first diagram sits just below the fold.
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) setInView(true);
    });
    observer.observe(element);
    const onPrint = () => setInView(true);
    window.addEventListener('beforeprint', onPrint);
    return () => {
      observer.disconnect();
      window.removeEventListener('beforeprint', onPrint);
    };
  }, [inView]);
  return (
    <div ref={anchor} data-diagram={inView ? 'shown' : 'pending'}>
      {inView ? children : placeholder}
    </div>
  );
}
