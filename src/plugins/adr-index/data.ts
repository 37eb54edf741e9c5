/** What the ADR index plugin publishes for the browser: one entry per record, in number order. */
import type {AdrStatus} from '../../adr/model';

export const PLUGIN_NAME = 'adr-index';

export interface AdrIndexEntry {
  number: number;
  title: string;
  status: AdrStatus;
  date: string;
  /** URL of the record page, as the ADR docs instance published it. */
  permalink: string;
  supersededBy?: number;
  supersedes: number[];
}

export interface AdrIndexData {
  records: AdrIndexEntry[];
}
