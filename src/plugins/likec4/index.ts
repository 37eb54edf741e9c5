/**
 * Docusaurus plugin for the architecture diagrams: before every build (and on every model edit in
 * `npm run dev`) it regenerates the React views from the likec4 model, so the site can never show
 * a stale diagram and no npm pre-script has to be remembered (`build:planted` calls docusaurus
 * directly). The views are imported only by <ArchitectureView>, so only pages with a diagram
 * load likec4's code.
 */
import path from 'node:path';
import type {LoadContext, Plugin} from '@docusaurus/types';
import {generateReactViews, MODEL_DIR} from './cli';

export default function likec4Plugin(context: LoadContext): Plugin {
  return {
    name: 'likec4-views',
    getPathsToWatch: () => [path.join(context.siteDir, MODEL_DIR, '**/*.{c4,likec4}')],
    async loadContent() {
      await generateReactViews(context.siteDir);
    },
    configureWebpack() {
      // likec4/react optionally imports @emotion/is-prop-valid, which is not installed; without
      // this alias every build warns "Can't resolve '@emotion/is-prop-valid'".
      return {resolve: {alias: {'@emotion/is-prop-valid': false}}};
    },
  };
}
