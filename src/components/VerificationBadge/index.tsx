import clsx from 'clsx';
import type {RunSummary} from '@site/src/contract/page-data';
import type {StatusInfo} from '@site/src/contract/status';
import styles from './styles.module.css';

const LABEL = {
  VERIFIED: '✓ Verified',
  FAILING: '✗ Failing',
  OUTDATED: '↻ Outdated',
  UNVERIFIED: '○ Unverified',
} as const;

/** The status of a runbook or step, with the facts of the run it rests on. */
export default function VerificationBadge({
  status,
  lastRun,
  compact = false,
}: {
  status: StatusInfo;
  lastRun?: RunSummary;
  compact?: boolean;
}) {
  return (
    <span className={clsx(styles.badge, styles[status.status])} data-status={status.status} title={status.reason}>
      <strong>{LABEL[status.status]}</strong>
      {!compact && lastRun && <span className={styles.facts}>{runFacts(lastRun).join(' · ')}</span>}
      {!compact && !lastRun && <span className={styles.facts}>{status.reason}</span>}
    </span>
  );
}

export function runFacts(run: RunSummary): string[] {
  const facts = [new Date(run.finishedAt).toISOString().slice(0, 10)];
  for (const [tool, version] of Object.entries(run.tools)) facts.push(`${tool} ${version}`);
  if (run.kubernetesVersion) facts.push(`Kubernetes ${run.kubernetesVersion}`);
  facts.push(run.estimate);
  if (run.gitCommit) facts.push(`commit ${run.gitCommit.slice(0, 7)}`);
  return facts;
}
