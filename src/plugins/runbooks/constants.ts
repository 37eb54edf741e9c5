/** The plugin's name: its data files live under `@generated/<name>/default/`. */
export const PLUGIN_NAME = 'runbooks';
