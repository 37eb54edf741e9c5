import {Fragment, type ReactNode} from 'react';
import Link from '@docusaurus/Link';
import CodeBlock from '@theme/CodeBlock';
import Heading from '@theme/Heading';
import type {CommandView, RunbookView, StepView} from '@site/src/contract/page-data';
import type {PlannedVariable} from '@site/src/contract/plan';
import {useRunbooksData} from '@site/src/plugins/runbooks/client';
import UseCaseLinks from '@site/src/plugins/traceability/components/UseCaseLinks';
import TranscriptPlayer from '../TranscriptPlayer';
import VerificationBadge from '../VerificationBadge';
import {commandEffect, EFFECT_LABEL, type Effect} from './effect';
import {splitProse} from './prose';
import {exportLine, GENERATE, pasteable, variablesToSet} from './secrets';
import {groupSimilar, type Similar} from './similar';
import {downStepId, SECTION_TITLE, sectionId, stepId, type Section} from './toc';
import styles from './styles.module.css';

function minutes(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`;
}

/**
 * A runbook on a page, rendered from its plan: the steps and the exact commands CI runs, each
 * with its verification status. Pages write `<Runbook id="bootstrap" />`; the remark plugin
 * supplies `data` (and `transcript` when a recording exists) and lists the headings below in the
 * page's table of contents (./toc.ts).
 */
export default function Runbook({id, data, transcript}: {id: string; data: RunbookView; transcript?: string}) {
  const {runbooks} = useRunbooksData();
  const pageOf = (need: string) => runbooks.find((runbook) => runbook.id === need)?.permalink;
  // A reader pastes the steps in order, and the tear-down on its own: each sets its variables once.
  const stepsToSet = variablesToSet(data.steps.flatMap((step) => step.commands));
  const downToSet = variablesToSet(data.down.flatMap((step) => step.commands));
  const heading = (section: Section, as: 'h2' | 'h3' = 'h2') => (
    <Heading as={as} id={sectionId(id, section)}>
      {SECTION_TITLE[section]}
    </Heading>
  );
  return (
    <section className={styles.runbook} data-runbook={id} aria-label={`Runbook: ${data.title}`}>
      <div className={styles.header}>
        <VerificationBadge status={data.status} lastRun={data.lastRun} />
        <p className={styles.summary}>{data.summary}</p>
        <UseCaseLinks ids={data.useCases} lead="Use cases this runbook proves" testId="runbook-use-cases" />
        {data.lastRun?.outcome === 'passed' && (
          <p className={styles.estimate}>
            Takes {data.lastRun.estimate} (last verified run{data.lastRun.current ? '' : ', of an older version'}).
          </p>
        )}
      </div>

      {heading('before-you-start')}
      {data.needs.length > 0 && (
        <p>
          Run first:{' '}
          {data.needs.map((need) => {
            const page = pageOf(need);
            return page ? (
              <Link key={need} to={page}>
                {need}
              </Link>
            ) : (
              <code key={need}>{need}</code>
            );
          })}
        </p>
      )}
      <div className={styles.scroll}>
        <table className={styles.tools} data-testid="runbook-tools">
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
                <th scope="row">
                  <code>{tool.name}</code>
                </th>
                <td>{tool.minVersion} or newer</td>
                <td>
                  <Prose text={tool.install} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>The runbook checks this before it changes anything, and stops with exit code 3 if one fails:</p>
      <ul>
        {data.tools.map((tool) => (
          <li key={tool.name}>
            {tool.name} {tool.minVersion} or newer is installed
          </li>
        ))}
        {data.preflight.map((check) => (
          <li key={check.id}>{check.title}</li>
        ))}
      </ul>

      {heading('run-it')}
      <div className={styles.run}>
        <CodeBlock language="bash">{runCommands(data)}</CodeBlock>
      </div>
      <p className={styles.note}>
        Exit codes: 0 done, 1 a step failed, 2 usage error, 3 preflight failed (nothing changed), 130 interrupted.
      </p>
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

      {heading('steps')}
      <ol className={styles.steps}>
        {data.steps.map((step) => (
          <Step key={step.id} id={stepId(id, step.id)} step={step} toSet={stepsToSet} />
        ))}
      </ol>
      {data.next.length > 0 && (
        <>
          {heading('next', 'h3')}
          <ul className={styles.next}>
            {data.next.map((line) => (
              <li key={line}>
                <Prose text={line} />
              </li>
            ))}
          </ul>
        </>
      )}

      {transcript && (
        <>
          {heading('transcript')}
          <TranscriptPlayer src={transcript} title={`Transcript of the last run of ${data.title}`} />
        </>
      )}

      {data.down.length > 0 && (
        <>
          {heading('tear-down')}
          <p>
            <code>npm run runbook -- {id} --down</code> asks before it deletes anything (or pass <code>--yes</code>):
          </p>
          <ol className={styles.steps}>
            {data.down.map((step) => (
              <Step key={step.id} id={downStepId(id, step.id)} step={step} toSet={downToSet} showStatus={false} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function runCommands(data: RunbookView): string {
  return [
    `# Run it`,
    `npm run runbook -- ${data.id}`,
    `# See every command without running anything`,
    `npm run runbook -- ${data.id} --plan`,
    `# Use an existing cluster instead of the kind cluster`,
    `npm run runbook -- ${data.id} --context <kube-context>`,
  ].join('\n');
}

/** A line of prose from a runbook, with its commands as code and its URLs as links. */
function Prose({text}: {text: string}) {
  return (
    <>
      {splitProse(text).map((part, index) => {
        if (part.kind === 'command') return <code key={index}>{part.value}</code>;
        if (part.kind === 'url')
          return (
            <Link key={index} href={part.value}>
              {part.value}
            </Link>
          );
        return part.value;
      })}
    </>
  );
}

interface Shown {
  command: CommandView;
  effect: Effect;
  text: string;
  generated: number;
}

/** Consecutive commands with the same effect that differ in one word (seven applications) form one block. */
function commandBlocks(commands: CommandView[]): Array<Similar<Shown>> {
  const shown = commands.map((command): Shown => ({command, effect: commandEffect(command), ...pasteable(command)}));
  const blocks: Array<Similar<Shown>> = [];
  let run: Shown[] = [];
  const flush = () => {
    blocks.push(...groupSimilar(run, (item) => item.text));
    run = [];
  };
  for (const item of shown) {
    const previous = run[run.length - 1];
    // Heredocs stay on their own: a block of several manifests is no easier to read than one.
    if (
      previous &&
      (previous.effect !== item.effect || previous.command.input !== undefined || item.command.input !== undefined)
    )
      flush();
    run.push(item);
  }
  flush();
  return blocks;
}

function Step({
  id,
  step,
  toSet,
  showStatus = true,
}: {
  id: string;
  step: StepView;
  /** The variables to set before each command of the page's sequence. */
  toSet: Map<CommandView, PlannedVariable[]>;
  showStatus?: boolean;
}) {
  return (
    <li className={styles.step} data-step={step.id}>
      <Heading as="h3" id={id} className={styles.stepTitle}>
        {step.title}
      </Heading>
      <div className={styles.stepMeta}>
        {showStatus && <VerificationBadge status={step.status} compact />}
        {step.estimate && <span>{step.estimate}</span>}
        {step.skipped && <span>Skipped when {step.skipped}</span>}
      </div>
      <p>{step.why}</p>
      {step.alreadyDone && (
        <p className={styles.note}>
          On a fresh machine the steps before it already achieve this; the runbook only checks.
        </p>
      )}
      {commandBlocks(step.commands).map((block, index) => (
        <Fragment key={index}>
          <Exports variables={block.items.flatMap(({item}) => toSet.get(item.command) ?? [])} />
          <CommandBlock block={block} />
        </Fragment>
      ))}
      <Waits step={step} />
      {step.expect && (
        <p>
          <strong>What you should see:</strong> {step.expect}
        </p>
      )}
    </li>
  );
}

function CommandBlock({block}: {block: Similar<Shown>}) {
  const first = block.items[0]!.item;
  const timeouts = new Set(block.items.map(({item}) => item.command.timeoutMs));
  const timeout = timeouts.size === 1 ? first.command.timeoutMs : undefined;
  const generated = block.items.reduce((sum, {item}) => sum + item.generated, 0);
  return (
    <div className={styles.command} data-phase={first.command.phase} data-effect={first.effect}>
      <span className={styles.phase}>
        {EFFECT_LABEL[first.effect]}
        {timeout ? ` (stopped after ${minutes(timeout)})` : ''}
        {block.items.length > 1 && (
          <span className={styles.each}>
            , for each of these {block.items.length}: <Names words={block.items.map(({word}) => word)} />
          </span>
        )}
      </span>
      <CodeBlock language="bash">{block.items.map(({item}) => item.text).join('\n')}</CodeBlock>
      {block.items.map(({item}) => item.command.keeps && <Kept key={item.text} keeps={item.command.keeps} />)}
      {generated > 0 && (
        <p className={styles.note} data-testid="generated-secret">
          <code>{GENERATE}</code> stands for {generated === 1 ? 'a secret' : `${generated} secrets`} the runbook
          generates and never shows. Pasted, your shell generates {generated === 1 ? 'one' : 'them'}: the heredoc is
          unquoted for that, and any other <code>$</code>, backquote or backslash in it is escaped. A value a later step
          compares (the restore drill) must then be the same in both places.
        </p>
      )}
    </div>
  );
}

/** A command that keeps a credential from its answer: pasted, it stores it instead of printing it. */
function Kept({keeps}: {keeps: NonNullable<CommandView['keeps']>}) {
  return (
    <p className={styles.note} data-testid="kept-variable">
      Pasted, it keeps the <code>{keeps.field}</code> of the answer in <code>${keeps.variable}</code> for the commands
      after it, and does not print it.
    </p>
  );
}

/** Sets the variables the next commands read, from where the runbook reads each value; never the value. */
function Exports({variables}: {variables: PlannedVariable[]}) {
  if (variables.length === 0) return null;
  return (
    <div className={styles.command} data-effect="sets">
      <span className={styles.phase}>
        Sets <Names words={variables.map(({variable}) => `$${variable}`)} />
        <span className={styles.each}>, which the next commands read (the value is never shown)</span>
      </span>
      <CodeBlock language="bash">{variables.map(exportLine).join('\n')}</CodeBlock>
    </div>
  );
}

function Names({words}: {words: string[]}) {
  return words.map((word, index) => (
    <span key={word}>
      {index > 0 && ', '}
      <code>{word}</code>
    </span>
  ));
}

/** The step's waits, one sentence per group of waits that differ in a name only. */
function Waits({step}: {step: StepView}) {
  if (step.waits.length === 0) return null;
  const groups = groupSimilar(step.waits, (wait) => wait.what);
  return (
    <div className={styles.waits} data-testid="waits">
      {groups.map((group, index) => (
        <p key={index} className={styles.note}>
          {waitSentence(group)}
        </p>
      ))}
      <p className={styles.note}>
        On a timeout it names what it saw last and attaches <code>kubectl describe</code> and recent events.
      </p>
    </div>
  );
}

function waitSentence(group: Similar<StepView['waits'][number]>): ReactNode {
  const {items, prefix, suffix} = group;
  if (items.length === 1) return `Waits up to ${minutes(items[0]!.item.timeoutMs)} for ${items[0]!.item.what}.`;
  const limits = new Set(items.map(({item}) => item.timeoutMs));
  const names =
    limits.size === 1 ? (
      <Names words={items.map(({word}) => word)} />
    ) : (
      items.map(({word, item}, index) => (
        <span key={word}>
          {index > 0 && ', '}
          <code>{word}</code> ({minutes(item.timeoutMs)})
        </span>
      ))
    );
  const upTo = limits.size === 1 ? ` up to ${minutes(items[0]!.item.timeoutMs)}` : ' (each up to its own limit)';
  return (
    <>
      Waits{upTo} for these {items.length} {plural(prefix).trim()} {suffix.trim()}: {names}.
    </>
  );
}

/** "application " → "applications ": the shared words before the varying name, as a plural. */
function plural(prefix: string): string {
  return prefix.replace(
    /(\w+)(\s*)$/,
    (_, word: string, space: string) => `${word.endsWith('s') ? word : `${word}s`}${space}`,
  );
}
