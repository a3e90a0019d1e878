import { NODE_STREAM_PARAMS, registration, verbs, type FrameworkDescriptor, type MethodRole } from './types.js';

const app: Record<string, MethodRole> = {
  ...verbs('handler'),
  use: 'handler',
  param: 'handler',
  listen: 'startup',
  on: 'emitter',
};

/** Express: `express()` apps and `express.Router()` routers; handlers get `(req, res, next)`. */
export const express: FrameworkDescriptor = {
  name: 'Express',
  registrations: [
    registration('Express', ['express'], [], 'call', { methods: app }),
    registration('Express', ['express'], ['Router'], 'call', { methods: app }),
  ],
  params: NODE_STREAM_PARAMS,
};
