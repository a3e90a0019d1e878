import type { MethodRole, RegistrationEntry } from './frameworks/types.js';
import type { BackendPerfSettings } from './settings.js';

// Per handlers setting and built-in list, so that the tracker's caches (per entry list) hold across files.
const cache = new WeakMap<object, WeakMap<readonly RegistrationEntry[], RegistrationEntry[]>>();

/** The registrations that `settings['backend-perf'].handlers` declares, as catalogue entries. */
function settingsEntries(settings: BackendPerfSettings): RegistrationEntry[] {
  const entries: RegistrationEntry[] = [];
  for (const handler of settings.handlers ?? []) {
    const exportPath = handler.export ? handler.export.split('.') : [];
    const base = {
      modules: [handler.module],
      category: 'event-loop' as const,
      tags: ['registration'],
      framework: handler.module,
    };
    if (!handler.methods?.length) {
      for (const usage of ['call', 'construct'] as const) {
        entries.push({
          ...base,
          id: `${handler.module}:${handler.export ?? ''}:${usage}`,
          path: exportPath,
          usage,
          registersArguments: true,
        });
      }
      continue;
    }
    const methods = Object.fromEntries<MethodRole>(handler.methods.map((method) => [method, 'handler']));
    const create = handler.create ?? 'any';
    if (create === 'none') {
      for (const method of handler.methods) {
        entries.push({
          ...base,
          id: `${handler.module}:${handler.export ?? ''}.${method}`,
          path: [...exportPath, method],
          usage: 'call',
          registersArguments: true,
        });
      }
      continue;
    }
    if (create === 'call' || create === 'any') {
      entries.push({
        ...base,
        id: `${handler.module}:${handler.export ?? ''}()`,
        path: exportPath,
        usage: 'call',
        methods,
      });
    }
    if (create === 'new' || create === 'any') {
      entries.push({
        ...base,
        id: `new ${handler.module}:${handler.export ?? ''}`,
        path: exportPath,
        usage: 'construct',
        methods,
      });
    }
  }
  return entries;
}

/** The built-in registrations plus those of `settings.handlers`: one list per handlers setting. */
export function registrationEntries(
  settings: BackendPerfSettings,
  builtIn: readonly RegistrationEntry[],
): readonly RegistrationEntry[] {
  const handlers = settings.handlers ?? [];
  if (handlers.length === 0) return builtIn;
  let perSetting = cache.get(handlers);
  if (!perSetting) cache.set(handlers, (perSetting = new WeakMap()));
  let entries = perSetting.get(builtIn);
  if (!entries) perSetting.set(builtIn, (entries = [...builtIn, ...settingsEntries(settings)]));
  return entries;
}
