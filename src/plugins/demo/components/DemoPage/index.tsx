import Layout from '@theme/Layout';
import clsx from 'clsx';
import {type ReactNode, useCallback, useEffect, useState} from 'react';
import type {DemoDeck, DemoSlide} from '@site/src/demo/deck';
import styles from './styles.module.css';

/** Keys that move between slides; Enter and Space keep their own meaning on buttons and links. */
const NEXT = new Set(['ArrowRight', 'ArrowDown', 'PageDown', 'Enter', ' ']);
const PREVIOUS = new Set(['ArrowLeft', 'ArrowUp', 'PageUp', 'Backspace']);

function activates(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && Boolean(target.closest('a, button, input, textarea, select, summary'));
}

/**
 * A demo, one step per screen: the narration, the commands and the recorded output, with the
 * recording's origin on every slide. Arrow keys, Enter and Space move on, `n` shows the
 * presenter notes. Printed, it is a handout: every step with its notes, no controls.
 */
export default function DemoPage({deck}: {deck: DemoDeck}): ReactNode {
  const [current, setCurrent] = useState(0);
  const [notes, setNotes] = useState(false);
  const last = deck.slides.length - 1;
  const go = useCallback((to: number) => setCurrent(Math.max(0, Math.min(last, to))), [last]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if ((event.key === 'Enter' || event.key === ' ') && activates(event.target)) return;
      if (NEXT.has(event.key)) go(current + 1);
      else if (PREVIOUS.has(event.key)) go(current - 1);
      else if (event.key === 'Home') go(0);
      else if (event.key === 'End') go(last);
      else if (event.key === 'n' || event.key === 'N') setNotes((shown) => !shown);
      else return;
      event.preventDefault();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [current, go, last]);
  // The keys work only once React has hydrated the page; the attribute says when (tests wait for it).
  const [keysReady, setKeysReady] = useState(false);
  useEffect(() => setKeysReady(true), []);

  const chapterOf = (index: number) => [...deck.chapters].reverse().find((chapter) => chapter.first <= index);
  return (
    <Layout title={`Demo: ${deck.title}`} description={deck.summary}>
      <main
        className={clsx('container margin-vert--lg', styles.demo)}
        data-testid="demo"
        data-keys={keysReady ? 'ready' : 'loading'}
      >
        <h1>Demo: {deck.title}</h1>
        <p className={styles.summary}>{deck.summary}</p>
        <div className={styles.controls}>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => go(current - 1)}
            disabled={current === 0}
          >
            Previous
          </button>
          <button
            type="button"
            className="button button--primary"
            onClick={() => go(current + 1)}
            disabled={current === last}
          >
            Next
          </button>
          <button
            type="button"
            className="button button--outline button--secondary"
            aria-pressed={notes}
            onClick={() => setNotes((shown) => !shown)}
          >
            Presenter notes (n)
          </button>
          <span className={styles.position} aria-live="polite" data-testid="demo-position">
            Step {current + 1} of {deck.slides.length}
          </span>
        </div>
        <p className={styles.help}>Keys: → Enter Space next · ← previous · Home End · n notes</p>
        {deck.slides.map((slide, index) => (
          <Slide
            key={`${slide.runbook}/${slide.id}`}
            slide={slide}
            index={index}
            total={deck.slides.length}
            chapter={deck.chapters.find((chapter) => chapter.first === index)?.title ?? chapterOf(index)?.title}
            active={index === current}
            notes={notes}
          />
        ))}
      </main>
    </Layout>
  );
}

function Slide(props: {
  slide: DemoSlide;
  index: number;
  total: number;
  chapter?: string;
  active: boolean;
  notes: boolean;
}): ReactNode {
  const {slide, index, total, chapter, active, notes} = props;
  const headingId = `demo-step-${index + 1}`;
  return (
    <section
      className={clsx(styles.slide, !active && styles.inactive)}
      aria-labelledby={headingId}
      data-testid="demo-slide"
      data-active={active}
    >
      {chapter && <p className={styles.chapter}>{chapter}</p>}
      <h2 id={headingId}>
        <span className={styles.stepNumber}>
          Step {index + 1} of {total}:
        </span>{' '}
        {slide.title}
      </h2>
      <p
        className={clsx(styles.origin, slide.recording?.simulated ? styles.simulated : styles.real)}
        data-testid="demo-origin"
      >
        {slide.recording ? `Recording: ${slide.recording.label}` : 'No recording of this runbook yet'}
      </p>
      <p className={styles.why}>{slide.why}</p>
      {slide.commands.length > 0 && (
        <pre className={styles.commands}>{slide.commands.map((command) => `$ ${command}`).join('\n')}</pre>
      )}
      <div className={clsx(styles.notes, !notes && styles.notesHidden)} data-testid="demo-notes">
        <h3>Presenter notes</h3>
        {slide.note && <p>{slide.note}</p>}
        {slide.expect && (
          <p>
            <strong>Point at:</strong> {slide.expect}
          </p>
        )}
        {slide.skipped && (
          <p>
            <strong>Not run with the default options:</strong> {slide.skipped}
          </p>
        )}
        {!slide.note && !slide.expect && !slide.skipped && <p>No notes for this step.</p>}
      </div>
      <h3 className={styles.outputHeading}>Recorded output</h3>
      {slide.output ? (
        <pre className={styles.output} data-testid="demo-output">
          {slide.output}
        </pre>
      ) : (
        <p>The recording has no output for this step{slide.skipped ? ': it did not run there.' : '.'}</p>
      )}
      {slide.result && <p className={styles.result}>Result in the recording: {slide.result}</p>}
    </section>
  );
}
