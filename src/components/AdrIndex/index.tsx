/**
 * The table on /adr: every decision record with number, title, status, date and successor,
 * rendered from the index the adr-index plugin builds from the records themselves.
 */
import type {ReactNode} from 'react';
import Link from '@docusaurus/Link';
import {adrLabel} from '@site/src/adr/model';
import {useAdrRecords} from '@site/src/plugins/adr-index/client';
import AdrStatusBadge from '../AdrStatusBadge';
import styles from './styles.module.css';

export default function AdrIndex(): ReactNode {
  const records = useAdrRecords();
  const permalinkOf = (number: number) => records.find((record) => record.number === number)?.permalink;
  return (
    <table data-testid="adr-index">
      <caption>{records.length} decision records, generated from the files in adr/</caption>
      <thead>
        <tr>
          <th scope="col">Number</th>
          <th scope="col">Decision</th>
          <th scope="col">Status</th>
          <th scope="col">Date</th>
          <th scope="col">Superseded by</th>
        </tr>
      </thead>
      <tbody>
        {records.map((record) => (
          <tr key={record.number} data-adr={record.number}>
            <td className={styles.nowrap}>{adrLabel(record.number)}</td>
            <td>
              <Link to={record.permalink}>{record.title}</Link>
            </td>
            <td>
              <AdrStatusBadge status={record.status} />
            </td>
            <td className={styles.nowrap}>
              <time dateTime={record.date}>{record.date}</time>
            </td>
            <td className={styles.nowrap}>
              {record.supersededBy === undefined ? (
                <>
                  <span aria-hidden="true">–</span>
                  <span className={styles.visuallyHidden}>not superseded</span>
                </>
              ) : (
                <Link to={permalinkOf(record.supersededBy) ?? '/adr'}>{adrLabel(record.supersededBy)}</Link>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
