import { NODE_STREAM_PARAMS, registration, type FrameworkDescriptor, type MethodRole } from './types.js';

const server: Record<string, MethodRole> = { on: 'emitter', once: 'emitter', listen: 'startup' };
const extra = { registersArguments: true, handlerKind: 'server', methods: server } as const;

/** Node's own servers: `http.createServer(listener)` and friends; listeners get `(req, res)`. */
export const nodeHttp: FrameworkDescriptor = {
  name: 'http',
  registrations: [
    registration('http', ['http', 'https', 'http2'], ['createServer'], 'call', extra),
    registration('http', ['http2'], ['createSecureServer'], 'call', extra),
    registration('http', ['http', 'https'], ['Server'], 'construct', extra),
  ],
  params: { ...NODE_STREAM_PARAMS, next: false },
};
