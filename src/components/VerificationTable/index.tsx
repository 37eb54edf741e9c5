import Link from '@docusaurus/Link';
import {useRunbooksData} from '@site/src/plugins/runbooks/client';
import VerificationBadge, {runFacts} from '../VerificationBadge';

/** Every runbook with its status and the facts of its last real run. */
export default function VerificationTable() {
  const {runbooks} = useRunbooksData();
  return (
    <table data-testid="verification-table">
      <thead>
        <tr>
          <th scope="col">Runbook</th>
          <th scope="col">Status</th>
          <th scope="col">Last real run</th>
          <th scope="col">Needs</th>
        </tr>
      </thead>
      <tbody>
        {runbooks.map((runbook) => (
          <tr key={runbook.id} data-runbook={runbook.id}>
            <td>
              {runbook.permalink ? <Link to={runbook.permalink}>{runbook.title}</Link> : runbook.title}{' '}
              <code>{runbook.id}</code>
            </td>
            <td>
              <VerificationBadge status={runbook.status} compact />
            </td>
            <td>{runbook.lastRun ? runFacts(runbook.lastRun).join(' · ') : runbook.status.reason}</td>
            <td>{runbook.needs.join(', ') || '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
