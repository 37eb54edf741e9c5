/** What the traceability plugin publishes for the browser, and where. */
import type {StatusInfo} from '../../contract/status';
import type {ElementStatus} from '../../traceability/overlay';

export const PLUGIN_NAME = 'traceability';

/** The matrix page; use cases are anchors on it (`/traceability#UC-1`). */
export const MATRIX_ROUTE = '/traceability';

export interface UseCaseSummary {
  id: string;
  title: string;
  status: StatusInfo;
}

/** The use cases a page serves, and whether the page is a decision record. */
export interface PageUseCases {
  useCases: string[];
  decision: boolean;
}

/**
 * Global data: enough for runbook, handbook and decision pages to link back to the use cases they
 * serve, and for an architecture view to show the status of the elements they touch.
 */
export interface TraceabilityGlobalData {
  route: string;
  useCases: UseCaseSummary[];
  elements: ElementStatus[];
  /** By the page's permalink. */
  pages: Record<string, PageUseCases>;
}
