/**
 * The traceability gate: every capability has a use case, every use case a runbook that proves it
 * and a page that explains it, every link points at something that exists, and every runbook
 * serves a use case, declared on both sides alike. Each problem is one line naming the broken
 * link, e.g. `UC-2 -> step "golden-path" of runbook cnoe-showtime does not exist`.
 */
import {allUseCases, TRACEABILITY_FILE, type Traceability, type UseCase} from './schema';
import {adrNumber, ADR_DIR, type LinkTargets} from './targets';

export function checkTraceability(data: Traceability, targets: LinkTargets): string[] {
  return [
    ...duplicateIds(data),
    ...requirementLinks(data),
    ...data.capabilities
      .filter((entry) => !entry.useCases.length)
      .map((entry) => `${entry.id} has no use case that proves it`),
    ...allUseCases(data).flatMap((useCase) => useCaseLinks(useCase, targets)),
    ...runbookLinks(data, targets),
  ];
}

export function formatProblems(problems: string[]): string {
  return `Traceability links are broken (${TRACEABILITY_FILE}):\n${problems.map((problem) => `- ${problem}`).join('\n')}`;
}

function duplicateIds(data: Traceability): string[] {
  const ids = [...data.requirements, ...data.capabilities, ...allUseCases(data)].map((entry) => entry.id);
  return [...new Set(ids.filter((id, index) => ids.indexOf(id) !== index))].map(
    (id) => `${id} is defined more than once`,
  );
}

function requirementLinks(data: Traceability): string[] {
  const known = new Set(data.requirements.map((requirement) => requirement.id));
  return data.capabilities.flatMap((entry) =>
    entry.requirements
      .filter((id) => !known.has(id))
      .map((id) => `${entry.id} -> requirement ${id} is not defined in requirements`),
  );
}

function useCaseLinks(useCase: UseCase, targets: LinkTargets): string[] {
  const {id} = useCase;
  const problems: string[] = [];
  if (!useCase.provenBy.length) problems.push(`${id} names no runbook that proves it (provenBy)`);
  if (!useCase.pages.length) problems.push(`${id} names no page that explains it (pages)`);
  for (const proof of useCase.provenBy) {
    const runbook = targets.runbooks.get(proof.runbook);
    if (!runbook) {
      problems.push(`${id} -> runbook ${proof.runbook} does not exist (runbooks/${proof.runbook}.ts)`);
      continue;
    }
    for (const step of proof.steps ?? []) {
      if (runbook.down.includes(step))
        problems.push(`${id} -> step "${step}" of runbook ${proof.runbook} is a tear-down step, which no run verifies`);
      else if (!runbook.steps.includes(step))
        problems.push(
          `${id} -> step "${step}" of runbook ${proof.runbook} does not exist (its steps: ${runbook.steps.join(', ')})`,
        );
    }
  }
  for (const page of useCase.pages) if (!targets.pages.has(page)) problems.push(`${id} -> page ${page} does not exist`);
  for (const adr of useCase.adrs)
    if (!targets.adrs.has(adrNumber(adr))) problems.push(`${id} -> ${adr} does not exist in ${ADR_DIR}/`);
  for (const element of useCase.c4)
    if (!targets.c4.has(element)) problems.push(`${id} -> C4 element ${element} does not exist in the likec4 model`);
  return problems;
}

/** Runbooks and use cases name each other; both sides must agree, and no runbook may serve nothing. */
function runbookLinks(data: Traceability, targets: LinkTargets): string[] {
  const useCases = allUseCases(data);
  const problems: string[] = [];
  for (const [runbook, target] of targets.runbooks) {
    const provedHere = useCases
      .filter((useCase) => useCase.provenBy.some((proof) => proof.runbook === runbook))
      .map((useCase) => useCase.id);
    if (!target.useCases.length && !provedHere.length)
      problems.push(`runbook ${runbook} serves no use case: its useCases is empty and no use case names it`);
    for (const declared of target.useCases) {
      const useCase = useCases.find((candidate) => candidate.id === declared);
      if (!useCase) problems.push(`runbook ${runbook} -> use case ${declared} is not defined in ${TRACEABILITY_FILE}`);
      else if (!provedHere.includes(declared))
        problems.push(
          `runbook ${runbook} lists ${declared} in its useCases, but ${declared} does not name it in provenBy`,
        );
    }
    for (const named of provedHere) {
      if (!target.useCases.includes(named))
        problems.push(
          `${named} names runbook ${runbook}, which does not list ${named} in its useCases (runbooks/${runbook}.ts)`,
        );
    }
  }
  return problems;
}
