/**
 * The status of a decision record as a labelled pill. The status is spelled out in text, so the
 * colour only repeats what is written (WCAG 1.4.1); colours keep 4.5:1 contrast in both themes.
 */
import type {ReactNode} from 'react';
import clsx from 'clsx';
import type {AdrStatus} from '@site/src/adr/model';
import styles from './styles.module.css';

const LABELS: Record<AdrStatus, string> = {
  proposed: 'Proposed',
  rejected: 'Rejected',
  accepted: 'Accepted',
  deprecated: 'Deprecated',
  superseded: 'Superseded',
};

export default function AdrStatusBadge({status}: {status: AdrStatus}): ReactNode {
  return (
    <span className={clsx(styles.badge, styles[status])} data-adr-status={status}>
      {LABELS[status]}
    </span>
  );
}
