/**
 * The runbooks plugin's data as browser code reads it: one typed hook instead of
 * `usePluginData('runbooks') as ...` at every call site. Its data's shape is a contract.
 */
import {usePluginData} from '@docusaurus/useGlobalData';
import type {RunbooksGlobalData} from '../../contract/page-data';
import {PLUGIN_NAME} from './constants';

export function useRunbooksData(): RunbooksGlobalData {
  return usePluginData(PLUGIN_NAME) as RunbooksGlobalData;
}
