/**
 * Text tables as Go CLIs print them with text/tabwriter: every column as wide as its widest cell
 * plus a fixed gap, trailing spaces trimmed. The gap is the tool's own: kubectl's printers pad
 * with 3 spaces, idpbuilder's table printer with 2.
 */
export function columns(header: string[], rows: string[][], gap: number): string {
  const widths = header.map((title, index) => Math.max(title.length, ...rows.map((row) => row[index]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, index) => cell.padEnd(widths[index]! + gap))
      .join('')
      .trimEnd();
  return `${[header, ...rows].map(line).join('\n')}\n`;
}
