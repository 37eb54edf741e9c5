/**
 * Wraps the docs theme's page content: on a decision record it shows the record's status header
 * (number, status badge, date, supersede links) above the title. Other pages are untouched.
 */
import type {ReactNode} from 'react';
import Content from '@theme-init/DocItem/Content';
import {useDoc} from '@docusaurus/plugin-content-docs/client';
import AdrRecordHeader from '@site/src/components/AdrStatusBadge/AdrRecordHeader';
import {useAdrRecords} from '../../../client';

export default function DocItemContentWithAdrStatus(props: {children: ReactNode}): ReactNode {
  const {metadata} = useDoc();
  const records = useAdrRecords();
  const record = records.find((candidate) => candidate.permalink === metadata.permalink);
  return (
    <>
      {record && <AdrRecordHeader record={record} records={records} />}
      <Content {...props} />
    </>
  );
}
