/**
 * The plugin configs `check --config` and `migrate --config` select from. A module of its own, which loads nothing:
 * `migrate` parses its arguments before ESLint and the plugin load.
 */
export const PLUGIN_CONFIGS = ['recommended', 'strict', 'all'] as const;
export type PluginConfigName = (typeof PLUGIN_CONFIGS)[number];
