import {useEffect, useRef} from 'react';

/**
 * Replays the transcript of the last verified run. asciinema-player and its stylesheet are
 * imported on first render in the browser, so only pages that show a transcript load them.
 */
export default function TranscriptPlayer({src, title}: {src: string; title: string}) {
  const container = useRef<HTMLElement>(null);
  useEffect(() => {
    let disposed = false;
    let player: {dispose(): void} | undefined;
    void Promise.all([
      import(/* webpackChunkName: "asciinema-player" */ 'asciinema-player'),
      import(/* webpackChunkName: "asciinema-player" */ 'asciinema-player/dist/bundle/asciinema-player.css'),
    ]).then(([asciinema]) => {
      if (disposed || !container.current) return;
      player = asciinema.create(src, container.current, {
        fit: 'width',
        rows: 24,
        idleTimeLimit: 2,
        terminalFontSize: 'small',
      });
    });
    return () => {
      disposed = true;
      player?.dispose();
    };
  }, [src]);
  return <section ref={container} data-testid="transcript-player" aria-label={title} />;
}
