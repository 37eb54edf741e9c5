/**
 * `npm run verify`: what the verify-runbooks workflow does, on one machine with Docker. Each
 * runbook runs with the runbooks it needs on a fresh `localdev` cluster (as each workflow job gets
 * a fresh runner), writes its report and transcript to the evidence folder, and the cluster is torn
 * down after it, also when it failed. The summary says where the evidence is and how to publish it.
 */
import path from 'node:path';
import {main, type CliIO} from './runbook';
import {EXIT} from '../runbook/executor';
import {inDependencyOrder, loadRunbooks} from '../runbook/registry';

export const EVIDENCE_DIR = 'verification';

/**
 * What a full verification needs, from upstream's own figures: idpbuilder v0.10.1
 * `docs/minimum-requirements.md` (4 CPU cores, 4 GiB), the stacks reference implementation
 * README at the pinned commit (at least 6 GB of memory for Docker), and the volumes our manifests
 * request (MinIO 5 GiB, Forgejo 2 GiB, the drill 16 MiB).
 */
export const NEEDS =
  'Docker with at least 4 CPUs and 6 GB of memory (the CNOE reference implementation), and about 8 GB of free disk for volumes (MinIO 5 GiB, Forgejo 2 GiB) on top of the container images.';

export interface VerifyOptions {
  /** Where the reports and transcripts go (relative to the working directory, as `--report`). */
  dir?: string;
  /** A signal for the teardowns, so a Ctrl-C that stopped a runbook still removes its cluster. */
  teardownSignal?: AbortSignal;
}

export const VERIFY_USAGE = `Usage: npm run verify

Runs every runbook for real, each with the runbooks it needs on a fresh kind cluster that is
torn down after it, and writes the evidence to ${EVIDENCE_DIR}/. It takes no arguments.
Needs: ${NEEDS}
To run one runbook with evidence: npm run runbook -- <id> --with-needs --yes --report ${EVIDENCE_DIR}`;

/**
 * `npm run verify [--help]`. Anything else is refused before anything runs: a run this size must
 * never start because an argument meant for something else was ignored.
 */
export async function verifyMain(argv: string[], io: CliIO, options: VerifyOptions = {}): Promise<number> {
  if (argv.length === 1 && argv[0] === '--help') {
    io.stdout.write(`${VERIFY_USAGE}\n`);
    return EXIT.ok;
  }
  if (argv.length) {
    io.stderr.write(
      `Error: npm run verify takes no arguments (got ${argv.map((arg) => JSON.stringify(arg)).join(' ')}); it runs every runbook.\n` +
        `To run one runbook with evidence: npm run runbook -- <id> --with-needs --yes --report ${EVIDENCE_DIR}\n`,
    );
    return EXIT.usage;
  }
  return verifyAll(io, options);
}

export async function verifyAll(io: CliIO, options: VerifyOptions = {}): Promise<number> {
  const dir = options.dir ?? EVIDENCE_DIR;
  const entries = await loadRunbooks(io.root);
  const ids = inDependencyOrder(entries, [...entries.keys()]).map((runbook) => runbook.id);
  io.stdout.write(`Verifying ${ids.join(', ')}, each on a fresh kind cluster.\nNeeds: ${NEEDS}\n\n`);
  const outcomes: Array<{id: string; code: number}> = [];
  for (const id of ids) {
    io.stdout.write(`== ${id}\n`);
    const code = await main(
      [id, '--with-needs', '--yes', '--report', dir, '--record', path.join(dir, `${id}.cast`)],
      io,
    );
    outcomes.push({id, code});
    io.stdout.write(`== tearing down after ${id}\n`);
    await main(['bootstrap', '--down', '--yes'], {
      ...io,
      signal: options.teardownSignal ?? new AbortController().signal,
    });
    // A preflight failure (no Docker, a missing tool) fails every runbook alike; Ctrl-C means stop.
    if (code === EXIT.preflight || code === EXIT.interrupted || code === EXIT.usage) break;
  }
  io.stdout.write(`\n${summary(outcomes, ids, dir)}`);
  return outcomes.every((outcome) => outcome.code === EXIT.ok) && outcomes.length === ids.length
    ? EXIT.ok
    : (outcomes.find((outcome) => outcome.code !== EXIT.ok)?.code ?? EXIT.failed);
}

function summary(outcomes: Array<{id: string; code: number}>, ids: string[], dir: string): string {
  const words: Record<number, string> = {
    [EXIT.ok]: 'passed',
    [EXIT.failed]: 'failed',
    [EXIT.preflight]: 'preflight failed (nothing changed)',
    [EXIT.interrupted]: 'interrupted',
    [EXIT.usage]: 'usage error',
  };
  const lines = ['Verification:'];
  for (const id of ids) {
    const outcome = outcomes.find((candidate) => candidate.id === id);
    lines.push(`  ${id.padEnd(16)} ${outcome ? (words[outcome.code] ?? `exit ${outcome.code}`) : 'not run'}`);
  }
  // A preflight stop changed nothing and proved nothing: its report would only make a page say
  // Failing for a fault of this machine, so there is nothing to publish.
  const ran = outcomes.filter((outcome) => outcome.code !== EXIT.preflight && outcome.code !== EXIT.usage);
  if (ran.length === 0) {
    lines.push(
      'Nothing to publish: no runbook ran. Fix what the preflight names above, then run npm run verify again.',
    );
    return `${lines.join('\n')}\n`;
  }
  lines.push(
    `Evidence: ${ran.map((outcome) => `${dir}/${outcome.id}.json and ${dir}/${outcome.id}.cast`).join(', ')}.`,
    `Publish it: drop the JUnit files (rm ${dir}/*.junit.xml), then commit ${dir}/ (git add ${dir} && git commit -m "verification: evidence from <machine>") and open a pull request. The site shows Verified only for passed runs of the current runbook source.`,
  );
  return `${lines.join('\n')}\n`;
}
