import Link from '@docusaurus/Link';
import {usePluginData} from '@docusaurus/useGlobalData';
import type {ReactNode} from 'react';
import VerificationBadge from '@site/src/components/VerificationBadge';
import {PLUGIN_NAME, type TraceabilityGlobalData} from '../../data';

/**
 * A line that links a page back to the use cases it serves, each to its row of the traceability
 * matrix with its status: on a runbook the use cases it proves, on a handbook page or decision
 * record the ones it explains or decided. `lead` says which, e.g. "Use cases this runbook proves".
 */
export default function UseCaseLinks({ids, lead, testId}: {ids: string[]; lead: string; testId: string}): ReactNode {
  const {route, useCases} = usePluginData(PLUGIN_NAME) as TraceabilityGlobalData;
  const linked = useCases.filter((useCase) => ids.includes(useCase.id));
  if (!linked.length) return null;
  return (
    <p data-testid={testId}>
      {lead}:{' '}
      {linked.map((useCase, index) => (
        <span key={useCase.id} data-use-case={useCase.id}>
          {index > 0 && '; '}
          <Link to={`${route}#${useCase.id}`}>
            {useCase.id}: {useCase.title}
          </Link>{' '}
          <VerificationBadge status={useCase.status} compact />
        </span>
      ))}
    </p>
  );
}
