/**
 * The traceability gate on fixtures: a small consistent data set passes, and each kind of broken
 * link fails with a line that names it. The schema refuses malformed data by field.
 */
import {describe, expect, it} from 'vitest';
import type {AdrRecord} from '../../src/adr/model';
import type {DocPage} from '../../src/living-docs/docs-scan';
import {checkTraceability, formatProblems} from '../../src/traceability/check';
import {parseTraceability, type Traceability} from '../../src/traceability/schema';
import type {LinkTargets} from '../../src/traceability/targets';

const DATA = `
requirements:
  - id: e.1
    title: Full service framework
    handbook: {quote: e.1. Full service framework, source: 1.2 Edge Developer Framework}
capabilities:
  - id: CAP-1
    title: Local platform
    summary: Bring it up locally.
    requirements: [e.1]
    useCases:
      - id: UC-1
        title: Bootstrap the cluster
        summary: Creates it.
        provenBy: [{runbook: bootstrap, steps: [create, ready]}]
        pages: [docs/runbooks/bootstrap.mdx]
        adrs: [ADR-0002]
        c4: [laptop.localdev]
goals:
  - {goal: Runnable pages, content: '\`runbooks/*.ts\`'}
`;

function data(): Traceability {
  return parseTraceability(DATA, 'fixture.yaml');
}

function targets(): LinkTargets {
  return {
    runbooks: new Map([['bootstrap', {useCases: ['UC-1'], steps: ['create', 'ready'], down: ['delete']}]]),
    pages: new Map([
      [
        'docs/runbooks/bootstrap.mdx',
        {
          file: 'docs/runbooks/bootstrap.mdx',
          text: '',
          permalink: '/docs/runbooks/bootstrap',
          embeds: ['bootstrap'],
        } satisfies DocPage,
      ],
    ]),
    adrs: new Map([[2, {number: 2, file: '0002-kind.md', title: 'Kind'} as AdrRecord]]),
    c4: new Map([['laptop.localdev', {title: 'kind cluster localdev', views: ['localdev']}]]),
    viewPages: new Map(),
  };
}

const useCaseOf = (traceability: Traceability) => traceability.capabilities[0]!.useCases[0]!;

describe('traceability gate', () => {
  it('passes consistent data', () => {
    expect(checkTraceability(data(), targets())).toEqual([]);
  });

  it('fails a capability without a use case', () => {
    const broken = data();
    broken.capabilities.push({...broken.capabilities[0]!, id: 'CAP-2', useCases: []});
    expect(checkTraceability(broken, targets())).toEqual(['CAP-2 has no use case that proves it']);
  });

  it('fails a use case without a runbook or a page', () => {
    const broken = data();
    Object.assign(useCaseOf(broken), {provenBy: [], pages: []});
    expect(checkTraceability(broken, targets())).toEqual(
      expect.arrayContaining([
        'UC-1 names no runbook that proves it (provenBy)',
        'UC-1 names no page that explains it (pages)',
      ]),
    );
  });

  it('names a missing runbook, step, page, ADR and C4 element', () => {
    const broken = data();
    Object.assign(useCaseOf(broken), {
      provenBy: [{runbook: 'bootstrap', steps: ['create', 'redy', 'delete']}, {runbook: 'bootstrapp'}],
      pages: ['docs/runbooks/bootstrap.mdx', 'docs/gone.md'],
      adrs: ['ADR-0002', 'ADR-0042'],
      c4: ['laptop.localdev', 'laptop.localdevv'],
    });
    expect(checkTraceability(broken, targets())).toEqual([
      'UC-1 -> step "redy" of runbook bootstrap does not exist (its steps: create, ready)',
      'UC-1 -> step "delete" of runbook bootstrap is a tear-down step, which no run verifies',
      'UC-1 -> runbook bootstrapp does not exist (runbooks/bootstrapp.ts)',
      'UC-1 -> page docs/gone.md does not exist',
      'UC-1 -> ADR-0042 does not exist in adr/',
      'UC-1 -> C4 element laptop.localdevv does not exist in the likec4 model',
    ]);
  });

  it('fails a runbook that serves no use case', () => {
    const world = targets();
    world.runbooks.set('forgejo-install', {useCases: [], steps: ['install'], down: []});
    expect(checkTraceability(data(), world)).toEqual([
      'runbook forgejo-install serves no use case: its useCases is empty and no use case names it',
    ]);
  });

  it('fails when a runbook and its use case disagree about their link', () => {
    const world = targets();
    world.runbooks.get('bootstrap')!.useCases = [];
    expect(checkTraceability(data(), world)).toEqual([
      'UC-1 names runbook bootstrap, which does not list UC-1 in its useCases (runbooks/bootstrap.ts)',
    ]);

    world.runbooks.get('bootstrap')!.useCases = ['UC-1', 'UC-9'];
    expect(checkTraceability(data(), world)).toEqual([
      'runbook bootstrap -> use case UC-9 is not defined in traceability/capabilities.yaml',
    ]);

    const other = data();
    useCaseOf(other).provenBy = [{runbook: 'velero-backup'}];
    world.runbooks.get('bootstrap')!.useCases = ['UC-1'];
    world.runbooks.set('velero-backup', {useCases: ['UC-1'], steps: ['install'], down: []});
    expect(checkTraceability(other, world)).toEqual([
      'runbook bootstrap lists UC-1 in its useCases, but UC-1 does not name it in provenBy',
    ]);
  });

  it('fails duplicate ids and unknown requirements', () => {
    const broken = data();
    broken.capabilities.push({...broken.capabilities[0]!, id: 'CAP-2', requirements: ['e.9']});
    expect(checkTraceability(broken, targets())).toEqual(
      expect.arrayContaining([
        'UC-1 is defined more than once',
        'CAP-2 -> requirement e.9 is not defined in requirements',
      ]),
    );
  });

  it('formats the problems as the build error', () => {
    expect(formatProblems(['UC-1 -> page docs/gone.md does not exist'])).toBe(
      'Traceability links are broken (traceability/capabilities.yaml):\n- UC-1 -> page docs/gone.md does not exist',
    );
  });
});

describe('traceability schema', () => {
  it('refuses a malformed id, naming the field', () => {
    expect(() => parseTraceability(DATA.replace('id: UC-1', 'id: usecase-1'), 'fixture.yaml')).toThrow(
      /fixture\.yaml does not match the traceability schema:[\s\S]*a use case id is UC-<number>[\s\S]*capabilities\[0\]\.useCases\[0\]\.id/,
    );
  });

  it('refuses an unknown key instead of ignoring a typo', () => {
    expect(() => parseTraceability(DATA.replace('pages:', 'page:'), 'fixture.yaml')).toThrow(
      /Unrecognized key: "page"/,
    );
  });

  it('refuses YAML that does not parse, with the line', () => {
    expect(() => parseTraceability('capabilities: [\n', 'fixture.yaml')).toThrow(
      /fixture\.yaml is not valid YAML:[\s\S]*line/,
    );
  });
});
