/**
 * The drift gate: a shell block on a page that runs one of the runbooks' state-changing commands
 * must show it exactly as the runbook runs it. A hand-copied or edited command is reported with
 * the page, the line and the runbook step it imitates, so pages cannot silently rot.
 *
 * "One of the runbooks' commands" means: same program and first two subcommand words as an
 * action in a plan (`kind create cluster`, `velero schedule create`, `helm upgrade`). Reads such
 * as `kubectl get pods -A` or `idpbuilder get secrets` are not gated.
 */
import {parse as parseShell} from 'shell-quote';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import {unified} from 'unified';
import {visit} from 'unist-util-visit';
import type {Code, Root} from 'mdast';
import {displayCommand, type Plan} from '../runbook/plan';

export interface DriftFinding {
  file: string;
  line: number;
  shown: string;
  runbook: string;
  step: string;
  expected: string;
}

interface Gated {
  runbook: string;
  step: string;
  display: string;
}

const SHELL_LANGUAGES = new Set(['bash', 'sh', 'shell', 'console', 'zsh', 'shell-session']);
// Global flags whose value is not a subcommand word.
const FLAGS_WITH_VALUES = new Set(['--context', '-n', '--namespace', '--kube-context', '--kubecontext', '--kubeconfig', '-c', '-C']);
// Reads a reader may adapt freely (`idpbuilder get secrets -p argocd`), even where a runbook runs them.
const READ_VERBS = new Set(['get', 'describe', 'logs', 'version', 'list', 'status', 'show', 'view', 'top', 'explain']);

/** `kind create cluster`: the program and its first two subcommand words. */
export function signature(command: string): string | undefined {
  const words = parseShell(command.replace(/<<-?'?"?(\w+)'?"?[\s\S]*$/, '')).filter((token): token is string => typeof token === 'string');
  while (words.length && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!) || words[0] === 'sudo')) words.shift();
  const [program, ...rest] = words;
  if (!program) return undefined;
  const subcommands: string[] = [];
  for (let i = 0; i < rest.length && subcommands.length < 2; i++) {
    const word = rest[i]!;
    if (FLAGS_WITH_VALUES.has(word)) i++;
    else if (!word.startsWith('-')) subcommands.push(word);
  }
  return [program, ...subcommands].join(' ');
}

export function gatedCommands(plans: Plan[]): Map<string, Gated[]> {
  const gated = new Map<string, Gated[]>();
  for (const plan of plans) {
    for (const step of [...plan.steps, ...plan.down]) {
      for (const command of step.commands.filter((candidate) => candidate.phase === 'action')) {
        const key = signature(command.command);
        if (key && !key.split(' ').slice(1).some((word) => READ_VERBS.has(word))) gated.set(key, [...(gated.get(key) ?? []), {runbook: plan.id, step: step.id, display: displayCommand(command)}]);
      }
    }
  }
  return gated;
}

/** Logical commands of a shell block: continuations joined, heredocs kept whole, prompts and comments dropped. */
export function commandsOf(block: string): Array<{text: string; offset: number}> {
  const lines = block.split('\n');
  const commands: Array<{text: string; offset: number}> = [];
  for (let i = 0; i < lines.length; i++) {
    const offset = i;
    let text = lines[i]!.replace(/^\s*\$\s+/, '');
    if (!text.trim() || text.trim().startsWith('#')) continue;
    while (text.endsWith('\\') && i + 1 < lines.length) text = `${text.slice(0, -1).trimEnd()} ${lines[++i]!.trim()}`;
    const heredoc = /<<-?\s*'?"?(\w+)'?"?/.exec(text);
    if (heredoc) {
      const body: string[] = [];
      while (i + 1 < lines.length && lines[i + 1]!.trim() !== heredoc[1]) body.push(lines[++i]!);
      if (i + 1 < lines.length) i++;
      text = [text, ...body, heredoc[1]].join('\n');
    }
    commands.push({text, offset});
  }
  return commands;
}

const normalise = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim().replace(/\s+/g, ' '))
    .join('\n');

/** Segments of a pipeline (`cat <<EOF | kind create cluster ...`), each checked on its own. */
function segments(command: string): string[] {
  const [firstLine = '', ...rest] = command.split('\n');
  const parts = firstLine.split(/\s\|\s/);
  return parts.map((part, index) => (index === parts.length - 1 && rest.length ? [part, ...rest].join('\n') : part));
}

/**
 * On a page that embeds a runbook, every command comes from the runbook; the only shell a page
 * may write itself is how to call it (`npm run runbook -- ...`).
 */
const RUNBOOK_CALL = /^npm run runbook\b/;

export function findDrift(file: string, markdown: string, gated: Map<string, Gated[]>, embeds: string[] = []): DriftFinding[] {
  const tree = unified()
    .use(remarkParse)
    .use(file.endsWith('.mdx') ? remarkMdx : () => undefined)
    .parse(markdown) as Root;
  const findings: DriftFinding[] = [];
  visit(tree, 'code', (node: Code) => {
    if (!SHELL_LANGUAGES.has(node.lang ?? '')) return;
    const firstLine = (node.position?.start.line ?? 0) + 1;
    for (const {text, offset} of commandsOf(node.value)) {
      if (embeds.length && !RUNBOOK_CALL.test(text)) {
        findings.push({file, line: firstLine + offset, shown: text, runbook: embeds[0]!, step: '', expected: ''});
        continue;
      }
      for (const segment of segments(text)) {
        const candidates = gated.get(signature(segment) ?? '');
        if (!candidates || candidates.some((candidate) => normalise(candidate.display) === normalise(segment))) continue;
        const closest = candidates.reduce((best, candidate) => (similarity(candidate.display, segment) > similarity(best.display, segment) ? candidate : best));
        findings.push({file, line: firstLine + offset, shown: segment, runbook: closest.runbook, step: closest.step, expected: closest.display});
      }
    }
  });
  return findings;
}

export function formatFinding(finding: DriftFinding): string {
  if (!finding.step) {
    return (
      `${finding.file}:${finding.line}: this page embeds runbook ${finding.runbook}, so its commands come from the runbook; remove the hand-written one.\n` +
      `  shown:    ${finding.shown.split('\n')[0]}`
    );
  }
  return (
    `${finding.file}:${finding.line}: this command imitates step "${finding.step}" of runbook ${finding.runbook} but differs from what it runs.\n` +
    `  shown:    ${finding.shown.split('\n')[0]}\n` +
    `  runbook:  ${finding.expected.split('\n')[0]}\n` +
    `  Embed the runbook (<Runbook id="${finding.runbook}" />) instead of copying its commands.`
  );
}

/** Length of the common prefix: enough to pick the step a copied command came from. */
function similarity(a: string, b: string): number {
  let index = 0;
  while (index < a.length && index < b.length && a[index] === b[index]) index++;
  return index;
}
