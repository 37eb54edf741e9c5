import Link from '@docusaurus/Link';
import {usePluginData} from '@docusaurus/useGlobalData';
import type {ReactNode} from 'react';
import VerificationBadge from '@site/src/components/VerificationBadge';
import {PLUGIN_NAME, type TraceabilityGlobalData} from '../../data';

/** The use cases a runbook proves, each linked to its row of the traceability matrix with its status. */
export default function RunbookUseCases({ids}: {ids: string[]}): ReactNode {
  const {route, useCases} = usePluginData(PLUGIN_NAME) as TraceabilityGlobalData;
  const proven = useCases.filter((useCase) => ids.includes(useCase.id));
  if (!proven.length) return null;
  return (
    <p data-testid="runbook-use-cases">
      Use cases this runbook proves:{' '}
      {proven.map((useCase, index) => (
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
