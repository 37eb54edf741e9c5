/**
 * The traceability matrix the /traceability page renders: per portfolio requirement, capability
 * and use case its status (rolled up from the runbooks' evidence) and links to the runbooks and
 * steps that prove it, the pages that explain it, the ADRs that decided it and the C4 elements it
 * touches, plus the coverage line. Built at site build time from checked data (check.ts), so every
 * link here resolves; one that does not is a bug and throws.
 */
import type {RunbookView} from '../contract/page-data';
import type {Status, StatusInfo} from '../contract/status';
import {proofStatus, rollUp} from './rollup';
import type {HandbookQuote, Traceability, UseCase} from './schema';
import {adrNumber, type LinkTargets} from './targets';

/** A page the site published: its title and URL. */
export interface Published {
  title: string;
  permalink: string;
}

export interface MatrixLink {
  /** What the link is, e.g. ADR-0002 or localBox.edf.argocd. */
  id: string;
  title: string;
  /** Absent for a C4 element that no handbook page draws. */
  to?: string;
}

export interface ProofView {
  runbook: string;
  title: string;
  permalink?: string;
  status: StatusInfo;
  steps: Array<{id: string; title: string; status: StatusInfo}>;
}

export interface UseCaseView {
  id: string;
  title: string;
  summary: string;
  notProven?: string;
  handbook?: HandbookQuote;
  status: StatusInfo;
  proofs: ProofView[];
  pages: MatrixLink[];
  adrs: MatrixLink[];
  c4: MatrixLink[];
}

export interface CapabilityView {
  id: string;
  title: string;
  summary: string;
  handbook?: HandbookQuote;
  requirements: string[];
  status: StatusInfo;
  useCases: UseCaseView[];
}

export interface RequirementView {
  id: string;
  title: string;
  handbook: HandbookQuote;
  /** Ids of the capabilities serving it; empty when the PoC does not address it. */
  capabilities: string[];
}

export interface Coverage {
  useCases: number;
  byStatus: Record<Status, number>;
  capabilities: number;
  capabilitiesVerified: number;
  requirements: number;
  requirementsAddressed: number;
  /** The coverage line, in words. */
  line: string;
}

export interface TraceabilityMatrix {
  requirements: RequirementView[];
  capabilities: CapabilityView[];
  coverage: Coverage;
}

/** `published` maps repository paths (docs/..., adr/...) to what the site made of them. */
export function buildMatrix(
  data: Traceability,
  runbooks: RunbookView[],
  targets: LinkTargets,
  published: Map<string, Published>,
): TraceabilityMatrix {
  const page = (file: string): Published => {
    const entry = published.get(file);
    if (!entry) throw new Error(`The site did not publish ${file}, which the traceability data links to`);
    return entry;
  };
  const useCaseView = (useCase: UseCase): UseCaseView => {
    const proofs = useCase.provenBy.map((proof): ProofView => {
      const view = runbooks.find((candidate) => candidate.id === proof.runbook);
      if (!view) throw new Error(`${useCase.id}: the runbooks plugin has no runbook ${proof.runbook}`);
      const status = proofStatus(view, proof.steps);
      const steps = proof.steps ? view.steps.filter((step) => proof.steps!.includes(step.id)) : view.steps;
      return {
        runbook: view.id,
        title: view.title,
        permalink: view.page && page(view.page).permalink,
        status,
        steps: steps.map(({id, title, status: stepStatus}) => ({id, title, status: stepStatus})),
      };
    });
    return {
      id: useCase.id,
      title: useCase.title,
      summary: useCase.summary,
      notProven: useCase.notProven,
      handbook: useCase.handbook,
      status: rollUp(proofs.map((proof) => ({name: proof.runbook, status: proof.status}))),
      proofs,
      pages: useCase.pages.map((file) => ({id: file, title: page(file).title, to: page(file).permalink})),
      adrs: useCase.adrs.map((citation) => {
        const record = targets.adrs.get(adrNumber(citation))!;
        return {id: citation, title: record.title, to: page(`adr/${record.file}`).permalink};
      }),
      c4: useCase.c4.map((id) => {
        const element = targets.c4.get(id)!;
        const drawnOn = element.views.map((view) => targets.viewPages.get(view)).find((file) => file !== undefined);
        return {id, title: element.title, to: drawnOn && page(drawnOn).permalink};
      }),
    };
  };
  const capabilities = data.capabilities.map((entry): CapabilityView => {
    const useCases = entry.useCases.map(useCaseView);
    return {
      id: entry.id,
      title: entry.title,
      summary: entry.summary,
      handbook: entry.handbook,
      requirements: entry.requirements,
      status: rollUp(useCases.map((useCase) => ({name: useCase.id, status: useCase.status}))),
      useCases,
    };
  });
  const requirements = data.requirements.map(
    (requirement): RequirementView => ({
      ...requirement,
      capabilities: data.capabilities
        .filter((entry) => entry.requirements.includes(requirement.id))
        .map((entry) => entry.id),
    }),
  );
  return {requirements, capabilities, coverage: coverageOf(requirements, capabilities)};
}

function coverageOf(requirements: RequirementView[], capabilities: CapabilityView[]): Coverage {
  const useCases = capabilities.flatMap((entry) => entry.useCases);
  const byStatus: Record<Status, number> = {VERIFIED: 0, FAILING: 0, OUTDATED: 0, UNVERIFIED: 0};
  for (const useCase of useCases) byStatus[useCase.status.status]++;
  const capabilitiesVerified = capabilities.filter((entry) => entry.status.status === 'VERIFIED').length;
  const requirementsAddressed = requirements.filter((requirement) => requirement.capabilities.length).length;
  const rest = (['FAILING', 'OUTDATED', 'UNVERIFIED'] as const)
    .map((status) => `${byStatus[status]} ${status.toLowerCase()}`)
    .join(', ');
  return {
    useCases: useCases.length,
    byStatus,
    capabilities: capabilities.length,
    capabilitiesVerified,
    requirements: requirements.length,
    requirementsAddressed,
    line:
      `${byStatus.VERIFIED} of ${useCases.length} use cases are verified by real runs (${rest}); ` +
      `${capabilitiesVerified} of ${capabilities.length} capabilities are verified in full; ` +
      `the PoC addresses ${requirementsAddressed} of ${requirements.length} portfolio requirements.`,
  };
}
