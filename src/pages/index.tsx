import Link from '@docusaurus/Link';
import Heading from '@theme/Heading';
import Layout from '@theme/Layout';
import type {ReactNode} from 'react';
import styles from './index.module.css';

interface Audience {
  id: string;
  title: string;
  summary: string;
  /** The first link is the suggested starting point. */
  links: Array<{to: string; label: string}>;
  command?: string;
}

const AUDIENCES: Audience[] = [
  {
    id: 'newcomer',
    title: 'New to the team?',
    summary: 'Learn why EDF builds platforms, then bring up a local platform yourself.',
    links: [
      {to: '/docs', label: 'Start here'},
      {to: '/docs/platform-101/introduction', label: 'Platform 101'},
      {to: '/docs/glossary', label: 'Glossary'},
    ],
  },
  {
    id: 'platform-engineer',
    title: 'Running the platform?',
    summary: 'Every operational procedure is a runbook: read its plan, run it, check whether CI verified it.',
    command: 'npm run runbook -- bootstrap',
    links: [
      {to: '/docs/runbooks', label: 'Runbooks'},
      {to: '/docs/bootstrapping/velero-backup', label: 'Velero backup'},
      {to: '/docs/verification', label: 'Verification status'},
    ],
  },
  {
    id: 'stakeholder',
    title: 'Preparing a stakeholder demo?',
    summary: "Tell the story from DevOps to platform orchestration, then demo the team's own platform MVP.",
    links: [
      {to: '/docs/stakeholder-workshop', label: 'Stakeholder workshop'},
      {to: '/docs/platform-101/cnoe-showtime', label: 'Upstream CNOE building blocks (not the MVP)'},
    ],
  },
  {
    id: 'decisions',
    title: 'Looking for a decision?',
    summary:
      'Why CNOE, kind, Velero and Forgejo, and which ideas are still open: each is an architecture decision record.',
    links: [
      {to: '/adr', label: 'Architecture decisions'},
      {to: '/docs/ways-of-working/living-docs-and-adrs', label: 'How we record decisions'},
    ],
  },
];

function AudienceCard({audience}: {audience: Audience}): ReactNode {
  const headingId = `audience-${audience.id}`;
  return (
    <section className={styles.card} aria-labelledby={headingId} data-audience={audience.id}>
      <Heading as="h2" id={headingId} className={styles.cardTitle}>
        {audience.title}
      </Heading>
      <p>{audience.summary}</p>
      {audience.command && (
        <p>
          <code className={styles.command}>{audience.command}</code>
        </p>
      )}
      <ul className={styles.links}>
        {audience.links.map((link, index) => (
          <li key={link.to}>
            <Link to={link.to} className={index === 0 ? 'button button--primary' : undefined}>
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

export default function Home(): ReactNode {
  return (
    <Layout title="Home" description="The Edge Developer Framework handbook: onboarding, runbooks and decisions.">
      <main className="container margin-vert--lg">
        <header className={styles.hero}>
          <Heading as="h1">EDF Living Docs</Heading>
          <p className={styles.tagline}>
            The handbook of the Edge Developer Framework: why we build platforms, how to run them, and why we decided
            what we decided. Pick the path that fits you.
          </p>
        </header>
        <div className={styles.grid}>
          {AUDIENCES.map((audience) => (
            <AudienceCard key={audience.id} audience={audience} />
          ))}
        </div>
      </main>
    </Layout>
  );
}
