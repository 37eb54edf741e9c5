/**
 * Wraps the docs theme's page footer: a handbook page or decision record that a use case names
 * links back to it in the matrix. Pages no use case names are untouched.
 */
import {useDoc} from '@docusaurus/plugin-content-docs/client';
import {usePluginData} from '@docusaurus/useGlobalData';
import Footer from '@theme-init/DocItem/Footer';
import type {ReactNode} from 'react';
import {PLUGIN_NAME, type TraceabilityGlobalData} from '../../../data';
import UseCaseLinks from '../../../components/UseCaseLinks';

export default function DocItemFooterWithUseCases(): ReactNode {
  const {metadata} = useDoc();
  const {pages} = usePluginData(PLUGIN_NAME) as TraceabilityGlobalData;
  const served = pages[metadata.permalink];
  return (
    <>
      {served && (
        <UseCaseLinks
          ids={served.useCases}
          lead={served.decision ? 'Use cases this decision serves' : 'Use cases this page explains'}
          testId="page-use-cases"
        />
      )}
      <Footer />
    </>
  );
}
