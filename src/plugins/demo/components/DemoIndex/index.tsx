import Link from '@docusaurus/Link';
import Layout from '@theme/Layout';
import type {ReactNode} from 'react';
import type {DemoSummary} from '../../index';

/** The demos: the golden path first, then one per runbook, each with where its recordings come from. */
export default function DemoIndex({demos}: {demos: DemoSummary[]}): ReactNode {
  return (
    <Layout
      title="Demos"
      description="Narrated walkthroughs of the runbooks, one step per screen, for stakeholder demos."
    >
      <main className="container margin-vert--lg markdown">
        <h1>Demos</h1>
        <p>
          Walkthroughs to present without a cluster: one step per screen with the narration, the commands and the
          recorded output. Arrow keys move, <kbd>n</kbd> shows the presenter notes, printing gives a handout. In a
          terminal, <code>npm run demo -- &lt;runbook&gt;</code> runs the same story live, and <code>--replay</code>{' '}
          plays the recording.
        </p>
        <ul data-testid="demo-list">
          {demos.map((demo) => (
            <li key={demo.id}>
              <Link to={demo.path}>{demo.title}</Link> ({demo.steps} steps): {demo.summary}{' '}
              <em>Recording: {demo.recordedBy.join('; ') || 'none yet'}.</em>
            </li>
          ))}
        </ul>
      </main>
    </Layout>
  );
}
