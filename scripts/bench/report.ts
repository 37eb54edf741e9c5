/** The bench's one table: a row per figure, this site's value, the peer's and their ratio, the budget. */

export interface Row {
  figure: string;
  ours: string;
  peer?: string;
  /** peer ÷ ours, for figures where more is worse (time, memory, bytes). */
  ratio?: string;
  budget?: string;
}

export function ratio(ours: number | undefined, peer: number | undefined): string | undefined {
  if (ours === undefined || peer === undefined || !Number.isFinite(ours) || !Number.isFinite(peer) || ours === 0)
    return undefined;
  return `${(peer / ours).toFixed(2)}x`;
}

/** "met" or "MISSED by …" against an upper (`max`) or lower (`min`) bound. */
export function verdict(value: number, bound: {max?: number; min?: number}, unit: string, digits = 0): string {
  if (bound.max !== undefined)
    return value <= bound.max
      ? `<= ${bound.max}${unit}: met`
      : `<= ${bound.max}${unit}: MISSED by ${(value - bound.max).toFixed(digits)}${unit}`;
  const min = bound.min!;
  const label = min === 100 ? `= ${min}` : `>= ${min}`;
  return value >= min ? `${label}${unit}: met` : `${label}${unit}: MISSED by ${(min - value).toFixed(digits)}${unit}`;
}

export function formatTable(rows: Row[], peerName?: string): string {
  const header: Row = {figure: 'figure', ours: 'EDF Living Docs', budget: 'budget'};
  if (peerName) Object.assign(header, {peer: peerName, ratio: 'peer ÷ ours'});
  const columns = (
    peerName ? ['figure', 'ours', 'peer', 'ratio', 'budget'] : ['figure', 'ours', 'budget']
  ) as (keyof Row)[];
  const cells = [header, ...rows].map((row) => columns.map((column) => row[column] ?? ''));
  const widths = columns.map((_, column) => Math.max(...cells.map((line) => line[column]!.length)));
  return cells
    .map((line) =>
      line
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
