/**
 * Use-case and capability statuses come from evidence: planting a passing report for the current
 * runbook source turns its use cases VERIFIED, a failing one FAILING, an older one OUTDATED, on the
 * next build. The build is the plugin's allContentLoaded over the runbooks plugin's views of a
 * site copy with planted evidence, and the real traceability data.
 */
import {beforeAll, describe, expect, it} from 'vitest';
import type {LoadContext, PluginContentLoadedActions, RouteConfig} from '@docusaurus/types';
import type {RunbookView} from '../../src/contract/page-data';
import type {StatusInfo} from '../../src/contract/status';
import {loadRunbookViews} from '../../src/plugins/runbooks';
import traceabilityPlugin, {loadTraceability, type TraceabilityContent} from '../../src/plugins/traceability';
import type {TraceabilityGlobalData} from '../../src/plugins/traceability/data';
import type {TraceabilityMatrix} from '../../src/traceability/matrix';
import {proofStatus, rollUp} from '../../src/traceability/rollup';
import {STALE_HASH} from '../support/evidence';
import {plantEvidence, ROOT, siteCopy} from './living-docs/support';

let content: TraceabilityContent;

beforeAll(async () => {
  content = await loadTraceability(ROOT);
});

/** The docs plugins' content as Docusaurus hands it over: every page the data can link to. */
function docsContent(): unknown {
  const docs = [
    ...[...content.targets.pages.values()].map((page) => ({
      source: `@site/${page.file}`,
      title: page.file,
      permalink: page.permalink,
    })),
    ...[...content.targets.adrs.values()].map((record) => ({
      source: `@site/adr/${record.file}`,
      title: record.title,
      permalink: `/adr/${record.number}`,
    })),
  ];
  return {default: {loadedVersions: [{docs}]}};
}

interface Built {
  matrix: TraceabilityMatrix;
  routes: RouteConfig[];
  global: TraceabilityGlobalData;
}

async function build(views: RunbookView[]): Promise<Built> {
  const routes: RouteConfig[] = [];
  const files = new Map<string, string>();
  let global: unknown;
  const actions = {
    addRoute: (route: RouteConfig) => routes.push(route),
    createData: async (name: string, data: string | object) => {
      files.set(name, String(data));
      return `@generated/${name}`;
    },
    setGlobalData: (data: unknown) => (global = data),
  } as PluginContentLoadedActions;
  const plugin = traceabilityPlugin({siteDir: ROOT} as LoadContext, {});
  const allContent = {
    traceability: {default: content},
    runbooks: {default: views},
    'docusaurus-plugin-content-docs': docsContent(),
  };
  await plugin.allContentLoaded!({allContent, actions} as never);
  return {
    matrix: JSON.parse(files.get('matrix.json')!) as TraceabilityMatrix,
    routes,
    global: global as TraceabilityGlobalData,
  };
}

/** Views of a site copy where `bootstrap` has the planted evidence. */
async function viewsWithBootstrapEvidence(change?: Parameters<typeof plantEvidence>[2]): Promise<RunbookView[]> {
  const root = siteCopy();
  await plantEvidence(root, 'bootstrap', change);
  return (await loadRunbookViews(root)).views;
}

const statusOf = (matrix: TraceabilityMatrix, id: string) => {
  for (const capability of matrix.capabilities) {
    if (capability.id === id) return capability.status.status;
    const useCase = capability.useCases.find((candidate) => candidate.id === id);
    if (useCase) return useCase.status.status;
  }
  throw new Error(`no ${id} in the matrix`);
};

describe('traceability statuses from planted evidence', () => {
  it('a passing report for the current source makes its use cases and their capability VERIFIED', async () => {
    const {matrix, routes, global} = await build(await viewsWithBootstrapEvidence());
    expect(statusOf(matrix, 'UC-1')).toBe('VERIFIED');
    expect(statusOf(matrix, 'CAP-1')).toBe('VERIFIED');
    expect(statusOf(matrix, 'UC-2')).toBe('UNVERIFIED');
    expect(matrix.coverage.byStatus.VERIFIED).toBe(1);
    expect(matrix.coverage.line).toMatch(/^1 of \d+ use cases are verified by real runs/);
    expect(routes.map((route) => route.path)).toEqual(['/traceability']);
    expect(global.useCases.find((useCase) => useCase.id === 'UC-1')?.status.status).toBe('VERIFIED');
  });

  it('the C4 overlay gives each element the status of the weakest use case touching it', async () => {
    const {global} = await build(await viewsWithBootstrapEvidence());
    const element = (id: string) => global.elements.find((candidate) => candidate.id === id);
    // Only UC-1 touches the cluster node; the developer also takes part in UC-5 and UC-4.
    expect(element('laptop.localdev')).toMatchObject({status: {status: 'VERIFIED'}, useCases: ['UC-1']});
    expect(element('laptop.localdev')?.views).toContain('localdev');
    expect(element('developer')).toMatchObject({status: {status: 'UNVERIFIED'}, useCases: ['UC-1', 'UC-5', 'UC-4']});
    expect(element('developer')?.status.reason).toMatch(/^UC-5: /);
    const failing = await build(await viewsWithBootstrapEvidence({outcome: 'failed', exitCode: 1}));
    expect(failing.global.elements.find(({id}) => id === 'laptop.localdev')?.status.status).toBe('FAILING');
  });

  it('a failing report makes them FAILING, naming the runbook', async () => {
    const {matrix} = await build(await viewsWithBootstrapEvidence({outcome: 'failed', exitCode: 1}));
    expect(statusOf(matrix, 'UC-1')).toBe('FAILING');
    expect(statusOf(matrix, 'CAP-1')).toBe('FAILING');
    expect(matrix.capabilities[0]!.status.reason).toBe(
      'UC-1: bootstrap: The last real run of this exact runbook ended failed.',
    );
  });

  it('a report of an older source makes them OUTDATED', async () => {
    const {matrix} = await build(await viewsWithBootstrapEvidence({sourceHash: STALE_HASH}));
    expect(statusOf(matrix, 'UC-1')).toBe('OUTDATED');
  });

  it('without evidence everything is UNVERIFIED', async () => {
    const {matrix} = await build((await loadRunbookViews(siteCopy())).views);
    expect(matrix.coverage.byStatus.UNVERIFIED).toBe(matrix.coverage.useCases);
    expect(matrix.capabilities.length).toBeGreaterThan(0);
    expect(
      matrix.capabilities.filter((capability) => capability.status.status !== 'UNVERIFIED').map(({id}) => id),
    ).toEqual([]);
  });
});

describe('status rollup', () => {
  const info = (status: StatusInfo['status']): StatusInfo => ({status, reason: `it is ${status}`});

  it('takes the status that holds for the weakest part and says which part', () => {
    expect(
      rollUp([
        {name: 'a', status: info('VERIFIED')},
        {name: 'b', status: info('OUTDATED')},
      ]),
    ).toEqual({status: 'OUTDATED', reason: 'b: it is OUTDATED'});
    expect(
      rollUp([
        {name: 'a', status: info('OUTDATED')},
        {name: 'b', status: info('UNVERIFIED')},
      ]).status,
    ).toBe('UNVERIFIED');
    expect(
      rollUp([
        {name: 'a', status: info('UNVERIFIED')},
        {name: 'b', status: info('FAILING')},
        {name: 'c', status: info('VERIFIED')},
      ]).status,
    ).toBe('FAILING');
    expect(
      rollUp([
        {name: 'a', status: info('VERIFIED')},
        {name: 'b', status: info('VERIFIED')},
      ]).status,
    ).toBe('VERIFIED');
  });

  it('counts nothing as proof', () => {
    expect(rollUp([]).status).toBe('UNVERIFIED');
  });

  it('a failed run proves no use case, even through steps that passed in it', async () => {
    const bootstrap = (await viewsWithBootstrapEvidence({outcome: 'failed', exitCode: 1})).find(
      (view) => view.id === 'bootstrap',
    )!;
    expect(bootstrap.steps.find((step) => step.id === 'create-cluster')!.status.status).toBe('VERIFIED');
    expect(proofStatus(bootstrap, ['create-cluster']).status).toBe('FAILING');
  });

  it('a verified run proves a use case only through steps that ran', async () => {
    const bootstrap = (await viewsWithBootstrapEvidence()).find((view) => view.id === 'bootstrap')!;
    const skipped = {
      ...bootstrap,
      steps: bootstrap.steps.map((step) => (step.id === 'nodes-ready' ? {...step, status: info('UNVERIFIED')} : step)),
    };
    expect(proofStatus(skipped, ['create-cluster']).status).toBe('VERIFIED');
    expect(proofStatus(skipped, ['create-cluster', 'nodes-ready'])).toEqual({
      status: 'UNVERIFIED',
      reason: 'step nodes-ready: it is UNVERIFIED',
    });
    expect(() => proofStatus(bootstrap, ['no-such-step'])).toThrow('Runbook bootstrap has no step "no-such-step"');
  });
});
