import Link from '@docusaurus/Link';
import Heading from '@theme/Heading';
import Layout from '@theme/Layout';
import type {ReactNode} from 'react';
import VerificationBadge from '@site/src/components/VerificationBadge';
import type {
  CapabilityView,
  MatrixLink,
  ProofView,
  TraceabilityMatrix,
  UseCaseView,
} from '@site/src/traceability/matrix';
import type {HandbookQuote} from '@site/src/traceability/schema';
import styles from './styles.module.css';

/**
 * The traceability matrix: an overview table of every capability and use case with its status,
 * then one section per capability and use case with everything it links to. Statuses come from
 * the evidence of real runs only (see the runbooks' pages for what "verified" means).
 */
export default function TraceabilityPage({matrix}: {matrix: TraceabilityMatrix}): ReactNode {
  return (
    <Layout
      title="Traceability"
      description="Which capability of the Edge Developer Framework works, and what proves it: use cases, runbooks and their evidence from real runs."
    >
      {/* .markdown: the handbook's typography, including underlined links (src/css/custom.css). */}
      <main className="container margin-vert--lg markdown">
        <h1>Traceability: capabilities, use cases and their proof</h1>
        <p>
          The handbook's PoC structure says that &ldquo;capabilities are shown (&lsquo;prooven&rsquo;) by use
          cases&rdquo;. Here each use case names the runbook steps that prove it, and its status comes only from the
          evidence of real runs of those runbooks (
          <Link to="/docs/runbooks#what-verified-means">what &ldquo;verified&rdquo; means</Link>): a link alone counts
          for nothing. The data is <code>traceability/capabilities.yaml</code>; a broken link in it fails the tests and
          the build.
        </p>
        <p className={styles.coverage} data-testid="traceability-coverage">
          <strong>Coverage:</strong> {matrix.coverage.line}
        </p>
        <Overview capabilities={matrix.capabilities} />

        <Heading as="h2" id="requirements">
          Portfolio requirements
        </Heading>
        <table data-testid="traceability-requirements">
          <thead>
            <tr>
              <th scope="col">Requirement (IPCEI-CIS portfolio)</th>
              <th scope="col">Served by</th>
            </tr>
          </thead>
          <tbody>
            {matrix.requirements.map((requirement) => (
              <tr key={requirement.id} data-requirement={requirement.id}>
                <td>
                  <strong>{requirement.id}</strong> {requirement.title}
                </td>
                <td>
                  {requirement.capabilities.length
                    ? requirement.capabilities.map((id, index) => (
                        <span key={id}>
                          {index > 0 && ', '}
                          <Link to={`#${id}`}>{id}</Link>
                        </span>
                      ))
                    : 'No PoC capability addresses it yet.'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>

        {matrix.capabilities.map((entry) => (
          <Capability key={entry.id} capability={entry} />
        ))}
      </main>
    </Layout>
  );
}

function Overview({capabilities}: {capabilities: CapabilityView[]}) {
  return (
    <table data-testid="traceability-matrix">
      <thead>
        <tr>
          <th scope="col">Capability or use case</th>
          <th scope="col">Status</th>
          <th scope="col">Proven by</th>
        </tr>
      </thead>
      {capabilities.map((entry) => (
        <tbody key={entry.id}>
          <tr data-capability={entry.id}>
            <th scope="rowgroup">
              <Link to={`#${entry.id}`}>{entry.id}</Link> {entry.title}
            </th>
            <td>
              <VerificationBadge status={entry.status} compact />
            </td>
            <td>
              {entry.useCases.length} use case{entry.useCases.length === 1 ? '' : 's'}
            </td>
          </tr>
          {entry.useCases.map((useCase) => (
            <tr key={useCase.id} data-use-case={useCase.id}>
              <td className={styles.useCaseCell}>
                <Link to={`#${useCase.id}`}>{useCase.id}</Link> {useCase.title}
              </td>
              <td>
                <VerificationBadge status={useCase.status} compact />
              </td>
              <td>{useCase.proofs.map((proof) => proof.runbook).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}

function Quote({handbook}: {handbook?: HandbookQuote}) {
  if (!handbook) return null;
  return (
    <blockquote className={styles.quote}>
      <p>&ldquo;{handbook.quote}&rdquo;</p>
      {handbook.translation && <p>({handbook.translation})</p>}
      <footer>Handbook, {handbook.source}</footer>
    </blockquote>
  );
}

function Capability({capability}: {capability: CapabilityView}) {
  return (
    <section className={styles.capability} data-capability-section={capability.id}>
      <Heading as="h2" id={capability.id}>
        {capability.id}: {capability.title}
      </Heading>
      <p>
        <VerificationBadge status={capability.status} />
      </p>
      <p>{capability.summary}</p>
      <Quote handbook={capability.handbook} />
      {capability.requirements.length > 0 && (
        <p>
          Serves the portfolio requirement{capability.requirements.length === 1 ? '' : 's'}{' '}
          {capability.requirements.join(', ')}.
        </p>
      )}
      {capability.useCases.map((useCase) => (
        <UseCase key={useCase.id} useCase={useCase} />
      ))}
    </section>
  );
}

function Links({links}: {links: MatrixLink[]}) {
  return (
    <ul className={styles.links}>
      {links.map((link) => (
        <li key={link.id}>
          {link.to ? <Link to={link.to}>{link.title}</Link> : link.title} <code>{link.id}</code>
        </li>
      ))}
    </ul>
  );
}

function Proof({proof}: {proof: ProofView}) {
  return (
    <li data-proof={proof.runbook}>
      {proof.permalink ? <Link to={proof.permalink}>{proof.title}</Link> : proof.title} <code>{proof.runbook}</code>{' '}
      <VerificationBadge status={proof.status} compact />
      <ul className={styles.steps}>
        {proof.steps.map((step) => (
          <li key={step.id} data-step={step.id}>
            <VerificationBadge status={step.status} compact /> {step.title} <code>{step.id}</code>
          </li>
        ))}
      </ul>
    </li>
  );
}

function UseCase({useCase}: {useCase: UseCaseView}) {
  return (
    <section className={styles.useCase} data-use-case-section={useCase.id}>
      <Heading as="h3" id={useCase.id}>
        {useCase.id}: {useCase.title}
      </Heading>
      <p>
        <VerificationBadge status={useCase.status} />
      </p>
      <p>{useCase.summary}</p>
      <Quote handbook={useCase.handbook} />
      {useCase.notProven && (
        <p>
          <strong>Not proven:</strong> {useCase.notProven}
        </p>
      )}
      <dl className={styles.facts}>
        <dt>Proven by</dt>
        <dd>
          <ul className={styles.links}>
            {useCase.proofs.map((proof) => (
              <Proof key={proof.runbook} proof={proof} />
            ))}
          </ul>
        </dd>
        <dt>Explained in</dt>
        <dd>
          <Links links={useCase.pages} />
        </dd>
        {useCase.adrs.length > 0 && (
          <>
            <dt>Decided in</dt>
            <dd>
              <Links links={useCase.adrs} />
            </dd>
          </>
        )}
        {useCase.c4.length > 0 && (
          <>
            <dt>Architecture (C4 elements)</dt>
            <dd>
              <Links links={useCase.c4} />
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
