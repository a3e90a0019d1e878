import { registration, type FrameworkDescriptor, type MethodRole } from './types.js';

const LISTENERS: Readonly<Record<string, MethodRole>> = { on: 'startup', once: 'startup', addListener: 'startup' };

/**
 * File watchers: `chokidar.watch(paths).on('change', rebuild)`, `fs.watch(file).on('change', reload)`. Their events
 * come from files changing (a development server rebuilding, a configuration reloaded by hand), not from requests, so
 * their listeners are start-up work, like the code that started the watcher.
 */
export const fileWatchers: FrameworkDescriptor = {
  name: 'file watchers',
  registrations: [
    registration('chokidar', ['chokidar'], ['watch'], 'call', { methods: LISTENERS }),
    registration('fs', ['fs'], ['watch'], 'call', { methods: LISTENERS }),
  ],
};
