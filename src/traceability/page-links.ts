/**
 * The links back from the site to the matrix: for each handbook page and decision record, the use
 * cases that name it (in `pages`, or by citing the ADR). A page that embeds a runbook already
 * lists the use cases that runbook proves (under the runbook's summary), so it does not repeat them.
 */
import type {RunbookView} from '../contract/page-data';
import {allUseCases, type Traceability} from './schema';
import {ADR_DIR, adrNumber, type LinkTargets} from './targets';

/** Repository path (docs/..., adr/...) -> ids of the use cases it serves, in the order of the data. */
export function pageUseCases(data: Traceability, runbooks: RunbookView[], targets: LinkTargets): Map<string, string[]> {
  const shownByRunbook = (file: string, useCase: string) =>
    runbooks.some((runbook) => runbook.page === file && runbook.useCases.includes(useCase));
  const links = new Map<string, string[]>();
  for (const useCase of allUseCases(data)) {
    const decisions = useCase.adrs.map((citation) => `${ADR_DIR}/${targets.adrs.get(adrNumber(citation))!.file}`);
    for (const file of [...useCase.pages, ...decisions]) {
      if (shownByRunbook(file, useCase.id)) continue;
      links.set(file, [...(links.get(file) ?? []), useCase.id]);
    }
  }
  return links;
}
