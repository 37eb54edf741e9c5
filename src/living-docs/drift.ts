/**
 * The drift gate: a command on a page that runs one of the runbooks' state-changing commands
 * must show it exactly as the runbook runs it. A hand-copied or edited command is reported with
 * the page, the line and the runbook step it imitates, so pages cannot silently rot.
 *
 * "One of the runbooks' commands" means: same program and first two subcommand words as an
 * action in a plan (`kind create cluster`, `velero schedule create`, `helm upgrade`). Reads such
 * as `kubectl get pods -A` or `idpbuilder get secrets` are not gated.
 *
 * Where a page shows commands: every code block whatever its language tag (or none), except
 * blocks in a language that is not a shell (yaml, json, mermaid, ...), and `<pre>`, `<code>` and
 * `<CodeBlock>` elements. Each line is split into its simple commands (`a && b`, `cd x; b`,
 * `a | b`, `bash -c 'a; b'`) and read without wrappers (`sudo`, `command`, `env`, `X=1`, `if`, `{`)
 * or the path of the program (`/usr/local/bin/kind`). Inline code in prose names commands rather
 * than giving them to copy, and is not read.
 */
import {parse as parseShell} from 'shell-quote';
import {displayCommand} from '../contract/commands';
import type {Plan} from '../contract/plan';
import {parsePage} from './docs-scan';
import {commandsRun, shownLines, unwrap} from './page-commands';

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

export interface DriftGate {
  /** Gated actions by signature. */
  commands: Map<string, Gated[]>;
  /** Programs the runbooks run: a line starting with one is a command wherever it is shown. */
  programs: Set<string>;
}

// Global flags whose value is not a subcommand word.
const FLAGS_WITH_VALUES = new Set([
  '--context',
  '-n',
  '--namespace',
  '--kube-context',
  '--kubecontext',
  '--kubeconfig',
  '-c',
  '-C',
]);
// Reads a reader may adapt freely (`idpbuilder get secrets -p argocd`), even where a runbook runs them.
const READ_VERBS = new Set(['get', 'describe', 'logs', 'version', 'list', 'status', 'show', 'view', 'top', 'explain']);

const wordsOf = (command: string) =>
  parseShell(unwrap(command).replace(/<<-?'?"?(\w+)'?"?[\s\S]*$/, '')).filter(
    (token): token is string => typeof token === 'string',
  );

/** `kind create cluster`: the program and its first two subcommand words. */
export function signature(command: string): string | undefined {
  const [program, ...rest] = wordsOf(command);
  if (!program) return undefined;
  const subcommands: string[] = [];
  for (let i = 0; i < rest.length && subcommands.length < 2; i++) {
    const word = rest[i]!;
    if (FLAGS_WITH_VALUES.has(word)) i++;
    else if (!word.startsWith('-')) subcommands.push(word);
  }
  return [program, ...subcommands].join(' ');
}

export function driftGate(plans: Plan[]): DriftGate {
  const commands = new Map<string, Gated[]>();
  const programs = new Set<string>();
  for (const plan of plans) {
    for (const tool of plan.tools) programs.add(tool.name);
    for (const step of [...plan.steps, ...plan.down]) {
      for (const command of step.commands) {
        const program = wordsOf(command.command)[0];
        if (program) programs.add(program);
        if (command.phase !== 'action') continue;
        const key = signature(command.command);
        if (
          key &&
          !key
            .split(' ')
            .slice(1)
            .some((word) => READ_VERBS.has(word))
        )
          commands.set(key, [
            ...(commands.get(key) ?? []),
            {runbook: plan.id, step: step.id, display: displayCommand(command)},
          ]);
      }
    }
  }
  return {commands, programs};
}

const normalise = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim().replace(/\s+/g, ' '))
    .join('\n');

/**
 * On a page that embeds a runbook, every command comes from the runbook; the only shell a page
 * may write itself is how to call it (`npm run runbook -- ...`).
 */
const RUNBOOK_CALL = /^npm run runbook\b/;

export function findDrift(file: string, markdown: string, gate: DriftGate, embeds: string[] = []): DriftFinding[] {
  const findings: DriftFinding[] = [];
  const displays = [...gate.commands.values()].flat().map((candidate) => normalise(candidate.display));
  for (const {text, line, kind, prompted} of shownLines(parsePage(file, markdown))) {
    if (embeds.length) {
      for (const {shown: segment, command} of commandsRun(text)) {
        const isCommand = kind === 'shell' || prompted || gate.programs.has(wordsOf(command)[0] ?? '');
        if (isCommand && !RUNBOOK_CALL.test(command))
          findings.push({file, line, shown: segment, runbook: embeds[0]!, step: '', expected: ''});
      }
      continue;
    }
    // A command copied whole (also one with `|` or `&&` in it) is no drift.
    if (displays.includes(normalise(unwrap(text)))) continue;
    for (const {shown: segment, command} of commandsRun(text)) {
      const candidates = gate.commands.get(signature(command) ?? '');
      if (!candidates || candidates.some((candidate) => normalise(candidate.display) === normalise(command))) continue;
      const closest = candidates.reduce((best, candidate) =>
        similarity(candidate.display, command) > similarity(best.display, command) ? candidate : best,
      );
      findings.push({
        file,
        line,
        shown: segment,
        runbook: closest.runbook,
        step: closest.step,
        expected: closest.display,
      });
    }
  }
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
