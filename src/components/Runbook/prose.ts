/**
 * Runbooks describe install hints and next steps in one line of prose with commands and links in
 * it ("The localdev cluster is ready: kubectl --context kind-localdev get pods -A"). This finds the
 * commands and the URLs so the page can show commands as code and URLs as links.
 */

export type Part = {kind: 'text' | 'command' | 'url'; value: string};

/** Programs a hint or a next step starts a command with. */
const PROGRAMS = [
  'kubectl',
  'npm',
  'npx',
  'kind',
  'helm',
  'velero',
  'idpbuilder',
  'git',
  'curl',
  'wget',
  'sudo',
  'apt-get',
  'brew',
  'docker',
];
/** Where prose hands over to a command: "ready: kubectl …", "(apt-get …)", "with npm run …". ("Install git from …" is prose.) */
const COMMAND_START = new RegExp(`(?<=^|: |\\(|with |then )(?:${PROGRAMS.join('|')})(?= )`, 'g');
const URL = /https?:\/\/[^\s)]+[^\s).,;:]/g;

export function splitProse(text: string): Part[] {
  const parts: Part[] = [];
  let at = 0;
  for (const match of text.matchAll(COMMAND_START)) {
    const start = match.index;
    if (start < at) continue;
    const end = commandEnd(text, start, text[start - 1] === '(');
    pushText(parts, text.slice(at, start));
    parts.push({kind: 'command', value: text.slice(start, end)});
    at = end;
  }
  pushText(parts, text.slice(at));
  return parts;
}

/**
 * Where a command ends: at the end of the line, at `; ` or `, ` or ` (` outside quotes (prose
 * goes on there), or at the `)` that closes a parenthesis it started in.
 */
function commandEnd(text: string, start: number, inParenthesis: boolean): number {
  let quote: string | undefined;
  for (let index = start; index < text.length; index++) {
    const char = text[index]!;
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (inParenthesis && char === ')') {
      return text[index - 1] === '.' ? index - 1 : index;
    } else if ((char === ';' || char === ',') && text[index + 1] === ' ') {
      return index;
    } else if (char === ' ' && text[index + 1] === '(') {
      return index;
    }
  }
  // A sentence's full stop is not part of the command.
  return text.endsWith('.') && !inParenthesis ? text.length - 1 : text.length;
}

function pushText(parts: Part[], text: string): void {
  let at = 0;
  for (const match of text.matchAll(URL)) {
    if (match.index > at) parts.push({kind: 'text', value: text.slice(at, match.index)});
    parts.push({kind: 'url', value: match[0]});
    at = match.index + match[0].length;
  }
  if (at < text.length) parts.push({kind: 'text', value: text.slice(at)});
}
