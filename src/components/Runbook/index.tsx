import Link from '@docusaurus/Link';
import {usePluginData} from '@docusaurus/useGlobalData';
import CodeBlock from '@theme/CodeBlock';
import type {RunbookView, StepView} from '@site/src/living-docs/page-data';
import type {RunbooksGlobalData} from '@site/src/plugins/runbooks';
import TranscriptPlayer from '../TranscriptPlayer';
import VerificationBadge from '../VerificationBadge';
import styles from './styles.module.css';

const PHASE_LABEL = {check: 'Checks first', action: 'Runs', verify: 'Then verifies'} as const;

function minutes(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`;
}

/**
 * A runbook on a page, rendered from its plan: the steps and the exact commands CI runs, each
 * with its verification status. Pages write `<Runbook id="bootstrap" />`; the remark plugin
 * supplies `data` (and `transcript` when a recording exists).
 */
export default function Runbook({id, data, transcript}: {id: string; data: RunbookView; transcript?: string}) {
  const {runbooks} = usePluginData('runbooks') as RunbooksGlobalData;
  const pageOf = (need: string) => runbooks.find((runbook) => runbook.id === need)?.permalink;
  return (
    <section className={styles.runbook} data-runbook={id} aria-label={`Runbook: ${data.title}`}>
      <div className={styles.header}>
        <VerificationBadge status={data.status} lastRun={data.lastRun} />
        <p className={styles.summary}>{data.summary}</p>
        {data.lastRun?.outcome === 'passed' && (
          <p className={styles.estimate}>
            Takes {data.lastRun.estimate} (last verified run{data.lastRun.current ? '' : ', of an older version'}).
          </p>
        )}
      </div>

      <h2 id={`${id}-before-you-start`}>Before you start</h2>
      {data.needs.length > 0 && (
        <p>
          Run first:{' '}
          {data.needs.map((need) => {
            const page = pageOf(need);
            return page ? <Link key={need} to={page}>{need}</Link> : <code key={need}>{need}</code>;
          })}
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th scope="col">Tool</th>
            <th scope="col">Version</th>
            <th scope="col">How to get it</th>
          </tr>
        </thead>
        <tbody>
          {data.tools.map((tool) => (
            <tr key={tool.name}>
              <td><code>{tool.name}</code></td>
              <td>{tool.minVersion} or newer</td>
              <td>{tool.install}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>The runbook checks this before it changes anything, and stops with exit code 3 if one fails:</p>
      <ul>
        {data.tools.map((tool) => <li key={tool.name}>{tool.name} {tool.minVersion} or newer is installed</li>)}
        {data.preflight.map((check) => <li key={check.id}>{check.title}</li>)}
      </ul>

      <h2 id={`${id}-run-it`}>Run it</h2>
      <CodeBlock language="bash">{runCommands(data)}</CodeBlock>
      {data.options.length > 0 && (
        <ul>
          {data.options.map((option) => (
            <li key={option.name}>
              <code>--{option.name}</code>: {option.description}
              {option.default ? ` (default: ${option.default})` : ''}
            </li>
          ))}
        </ul>
      )}

      <h2 id={`${id}-steps`}>Steps</h2>
      <ol className={styles.steps}>
        {data.steps.map((step) => <Step key={step.id} runbook={id} step={step} />)}
      </ol>
      {data.next.length > 0 && (
        <>
          <h3 id={`${id}-next`}>When it is done</h3>
          <ul>{data.next.map((line) => <li key={line}>{line}</li>)}</ul>
        </>
      )}

      {transcript && (
        <>
          <h2 id={`${id}-transcript`}>Transcript of the last run</h2>
          <TranscriptPlayer src={transcript} title={`Transcript of the last run of ${data.title}`} />
        </>
      )}

      {data.down.length > 0 && (
        <>
          <h2 id={`${id}-tear-down`}>Tear down</h2>
          <p><code>npm run runbook -- {id} --down</code> asks before it deletes anything (or pass <code>--yes</code>):</p>
          <ol className={styles.steps}>
            {data.down.map((step) => <Step key={step.id} runbook={id} step={step} showStatus={false} />)}
          </ol>
        </>
      )}
    </section>
  );
}

function runCommands(data: RunbookView): string {
  return [
    `# Run it (exit codes: 0 ok, 1 a step failed, 2 usage error, 3 preflight failed, 130 interrupted)`,
    `npm run runbook -- ${data.id}`,
    `# See every command without running anything`,
    `npm run runbook -- ${data.id} --plan`,
    `# Use an existing cluster instead of the kind cluster`,
    `npm run runbook -- ${data.id} --context <kube-context>`,
  ].join('\n');
}

function Step({runbook, step, showStatus = true}: {runbook: string; step: StepView; showStatus?: boolean}) {
  return (
    <li className={styles.step} data-step={step.id}>
      <h3 id={`${runbook}-${step.id}`} className={styles.stepTitle}>
        {step.title}
      </h3>
      <div className={styles.stepMeta}>
        {showStatus && <VerificationBadge status={step.status} compact />}
        {step.estimate && <span>{step.estimate}</span>}
        {step.skipped && <span>Skipped when {step.skipped}</span>}
      </div>
      <p>{step.why}</p>
      {step.alreadyDone && <p className={styles.note}>On a fresh machine the steps before it already achieve this; the runbook only checks.</p>}
      {step.commands.map((command, index) => (
        <div key={index} className={styles.command} data-phase={command.phase}>
          <span className={styles.phase}>
            {PHASE_LABEL[command.phase]}
            {command.timeoutMs ? ` (stopped after ${minutes(command.timeoutMs)})` : ''}
          </span>
          <CodeBlock language="bash">{command.display}</CodeBlock>
        </div>
      ))}
      {step.waits.map((wait) => (
        <p key={wait.what} className={styles.note}>
          Waits up to {minutes(wait.timeoutMs)} for {wait.what}; on timeout it names what it saw and attaches <code>kubectl describe</code> and recent events.
        </p>
      ))}
      {step.expect && (
        <p>
          <strong>What you should see:</strong> {step.expect}
        </p>
      )}
    </li>
  );
}
