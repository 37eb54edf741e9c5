import type {Config} from '@docusaurus/types';
import type * as Preset from '@docusaurus/preset-classic';
import {themes as prismThemes} from 'prism-react-renderer';
import remarkRunbookEmbed from './src/remark/runbook-embed';
import remarkPinnedVersions from './src/remark/pinned-versions';

// Evidence of real runs lives in verification/; the e2e tests build a second site from planted evidence.
const evidenceDir = process.env.EDF_EVIDENCE_DIR ?? 'verification';

const config: Config = {
  title: 'EDF Living Docs',
  tagline: 'The Edge Developer Framework handbook, backed by runbooks that CI executes.',
  favicon: 'img/favicon.svg',
  url: 'https://edf.example.internal',
  baseUrl: '/',
  trailingSlash: false,

  // A broken link or image is a bug in the handbook, never a warning.
  onBrokenLinks: 'throw',
  onBrokenAnchors: 'throw',
  markdown: {
    mermaid: true,
    hooks: {onBrokenMarkdownLinks: 'throw', onBrokenMarkdownImages: 'throw'},
  },
  future: {
    v4: true,
    // Docusaurus Faster (Rspack, SWC, Lightning CSS) without Rspack's persistent cache: builds on a
    // loaded 2-core machine hung idle twice in the bundling phase with it on (cache deadlocks are
    // reported upstream); without it a cold build took 17 s instead of 12 s on an idle 2-core machine.
    faster: {
      swcJsLoader: true,
      swcJsMinimizer: true,
      swcHtmlMinimizer: true,
      lightningCssMinimizer: true,
      mdxCrossCompilerCache: true,
      rspackBundler: true,
      rspackPersistentCache: false,
      ssgWorkerThreads: true,
      gitEagerVcs: true,
    },
  },

  i18n: {defaultLocale: 'en', locales: ['en']},

  presets: [
    [
      'classic',
      {
        docs: {
          path: 'docs',
          routeBasePath: 'docs',
          sidebarPath: './sidebars.ts',
          beforeDefaultRemarkPlugins: [[remarkPinnedVersions, {siteDir: __dirname}]],
          remarkPlugins: [[remarkRunbookEmbed, {siteDir: __dirname, evidenceDir}]],
        },
        blog: false,
        theme: {customCss: './src/css/custom.css'},
      } satisfies Preset.Options,
    ],
  ],

  plugins: [
    // By path, so Docusaurus finds the module's validateOptions.
    ['./src/plugins/runbooks/index.ts', {evidenceDir}],
    [
      '@docusaurus/plugin-content-docs',
      {
        id: 'adr',
        path: 'adr',
        routeBasePath: 'adr',
        sidebarPath: './sidebars-adr.ts',
        beforeDefaultRemarkPlugins: [[remarkPinnedVersions, {siteDir: __dirname}]],
      },
    ],
    // Index, validation and status badges of the records published by the 'adr' instance above.
    ['./src/plugins/adr-index/index.ts', {adrDir: 'adr', docsPluginId: 'adr'}],
    // Generates the architecture diagrams from architecture-c4/ before each build.
    './src/plugins/likec4/index.ts',
    // The /traceability matrix and its gate: capabilities -> use cases -> runbooks and their evidence.
    './src/plugins/traceability/index.ts',
    // /demo: a presentable walkthrough per runbook and of the golden path, from the runbooks' plans.
    ['./src/plugins/demo/index.ts', {evidenceDir}],
  ],

  themes: [
    '@docusaurus/theme-mermaid',
    [
      '@easyops-cn/docusaurus-search-local',
      {
        hashed: true,
        indexBlog: false,
        docsRouteBasePath: ['/docs', '/adr'],
        docsDir: ['docs', 'adr'],
        language: ['en'],
        highlightSearchTermsOnTargetPage: false,
      },
    ],
  ],

  themeConfig: {
    colorMode: {defaultMode: 'light', respectPrefersColorScheme: true},
    navbar: {
      title: 'EDF Living Docs',
      logo: {alt: 'EDF Living Docs logo', src: 'img/logo.svg'},
      items: [
        {type: 'docSidebar', sidebarId: 'handbook', position: 'left', label: 'Handbook'},
        {to: '/docs/runbooks', label: 'Runbooks', position: 'left'},
        {to: '/adr', label: 'Decisions', position: 'left'},
        {to: '/traceability', label: 'Traceability', position: 'left'},
        {to: '/demo', label: 'Demos', position: 'left'},
      ],
    },
    footer: {
      style: 'dark',
      links: [
        {
          title: 'Handbook',
          items: [
            {label: 'Start here', to: '/docs'},
            {label: 'Glossary', to: '/docs/glossary'},
          ],
        },
        {
          title: 'Operate',
          items: [
            {label: 'Runbooks', to: '/docs/runbooks'},
            {label: 'Architecture decisions', to: '/adr'},
          ],
        },
      ],
      copyright: 'Edge Developer Framework team. Built with Docusaurus.',
    },
    prism: {
      theme: prismThemes.github,
      darkTheme: prismThemes.dracula,
      additionalLanguages: ['bash', 'yaml', 'json', 'ini'],
    },
    mermaid: {theme: {light: 'neutral', dark: 'dark'}},
  } satisfies Preset.ThemeConfig,
};

export default config;
