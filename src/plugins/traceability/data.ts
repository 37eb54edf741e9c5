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

/**
 * Global data: enough for a runbook page to link back to the use cases it proves, and for an
 * architecture view to show the status of the elements they touch.
 */
export interface TraceabilityGlobalData {
  route: string;
  useCases: UseCaseSummary[];
  elements: ElementStatus[];
}
