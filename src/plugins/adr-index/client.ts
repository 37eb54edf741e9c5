/** Browser-side access to the records index published by the plugin. */
import {usePluginData} from '@docusaurus/useGlobalData';
import {PLUGIN_NAME, type AdrIndexData, type AdrIndexEntry} from './data';

export function useAdrRecords(): AdrIndexEntry[] {
  return (usePluginData(PLUGIN_NAME) as AdrIndexData).records;
}
