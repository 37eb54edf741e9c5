/**
 * Shown above the title of every decision record: number, status, date and the records it
 * supersedes or is superseded by, all taken from the record's front matter via the ADR index.
 */
import type {ReactNode} from 'react';
import Link from '@docusaurus/Link';
import {adrLabel} from '@site/src/adr/model';
import type {AdrIndexEntry} from '@site/src/plugins/adr-index/data';
import AdrStatusBadge from '.';
import styles from './styles.module.css';

function RecordLink({number, records}: {number: number; records: AdrIndexEntry[]}): ReactNode {
  const record = records.find((candidate) => candidate.number === number);
  // The plugin refuses to build with a dangling link, so `record` is always found.
  return record ? (
    <Link to={record.permalink}>
      {adrLabel(number)}: {record.title}
    </Link>
  ) : (
    adrLabel(number)
  );
}

export default function AdrRecordHeader({
  record,
  records,
}: {
  record: AdrIndexEntry;
  records: AdrIndexEntry[];
}): ReactNode {
  return (
    <div className={styles.header} data-adr-record={record.number}>
      <p className={styles.meta}>
        <span className={styles.number}>{adrLabel(record.number)}</span>
        <AdrStatusBadge status={record.status} />
        <span>
          Decided <time dateTime={record.date}>{record.date}</time>
        </span>
      </p>
      {record.supersededBy !== undefined && (
        <p className={styles.notice} role="note">
          This decision is no longer in force. It was superseded by{' '}
          <RecordLink number={record.supersededBy} records={records} />.
        </p>
      )}
      {record.supersedes.length > 0 && (
        <p className={styles.related}>
          Supersedes{' '}
          {record.supersedes.map((number, index) => (
            <span key={number}>
              {index > 0 && ', '}
              <RecordLink number={number} records={records} />
            </span>
          ))}
          .
        </p>
      )}
    </div>
  );
}
