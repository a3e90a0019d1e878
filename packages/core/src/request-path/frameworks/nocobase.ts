import type { FrameworkDescriptor } from './types.js';

/**
 * NocoBase: a resource defines its actions by name (`app.resourcer.define({ name: 'pm', actions: { list(ctx, next)
 * {} } })`, also `resourceManager.define`), and the gateway calls the action a request names (`GET /api/pm:list`)
 * with Koa's `(ctx, next)`. `registerActionHandlers({ 'pm:list': handler })` adds actions to every resource.
 */
export const nocobase: FrameworkDescriptor = {
  name: 'NocoBase',
  actionTables: [{ method: 'define', member: 'actions' }, { method: 'registerActionHandlers' }],
};
