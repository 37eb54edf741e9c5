/** "Did you mean …?" for mistyped runbook ids and options. */

/** The known word closest to `typed`, if it is close enough to be a likely typo. */
export function closest(typed: string, known: Iterable<string>): string | undefined {
  let best: {word: string; distance: number} | undefined;
  for (const word of known) {
    const distance = editDistance(typed.toLowerCase(), word.toLowerCase());
    if (!best || distance < best.distance) best = {word, distance};
  }
  // Up to a third of the word may be wrong: `--s3url` finds `--s3-url`, `--x` finds nothing.
  return best && best.distance <= Math.max(1, Math.floor(best.word.length / 3)) ? best.word : undefined;
}

export function didYouMean(
  typed: string,
  known: Iterable<string>,
  show: (word: string) => string = (word) => word,
): string {
  const match = closest(typed, known);
  return match ? ` Did you mean ${show(match)}?` : '';
}

/** Edit distance where a swap of two neighbours counts once (optimal string alignment). */
function editDistance(a: string, b: string): number {
  const d = Array.from({length: a.length + 1}, (_, i) =>
    Array.from({length: b.length + 1}, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}
