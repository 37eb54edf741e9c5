/**
 * Splits a simulated command line into positional words and flags, the way cobra-based CLIs
 * (kind, kubectl, helm, velero, idpbuilder) read them: `--flag value`, `--flag=value`, `-n value`.
 */
export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string[]>;
}

export function parseArgs(argv: string[], valueFlags: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  const add = (name: string, value: string) => flags.set(name, [...(flags.get(name) ?? []), value]);
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (!word.startsWith('-') || word === '-') {
      positional.push(word);
      continue;
    }
    const [name, inline] = splitOnce(word, '=');
    if (inline !== undefined) add(name, inline);
    else if (valueFlags.includes(name) && i + 1 < argv.length) add(name, argv[++i]!);
    else add(name, 'true');
  }
  return {positional, flags};
}

export function flag(args: ParsedArgs, ...names: string[]): string | undefined {
  for (const name of names) {
    const values = args.flags.get(name);
    if (values?.length) return values[values.length - 1];
  }
  return undefined;
}

export function flagValues(args: ParsedArgs, ...names: string[]): string[] {
  return names.flatMap((name) => args.flags.get(name) ?? []);
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const index = text.indexOf(separator);
  return index < 0 ? [text, undefined] : [text.slice(0, index), text.slice(index + 1)];
}

export const ok = (stdout = '', stderr = '') => ({exitCode: 0, stdout, stderr});
export const fail = (stderr: string, exitCode = 1, stdout = '') => ({exitCode, stdout, stderr});
