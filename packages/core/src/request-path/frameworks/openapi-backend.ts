import { registration, type FrameworkDescriptor } from './types.js';

const methods = { register: 'handler', registerHandler: 'handler', registerSecurityHandler: 'handler' } as const;

/**
 * openapi-backend: `new OpenAPIBackend({ definition })` routes requests by the operations of an OpenAPI document;
 * `api.register(operationId, handler)` adds the handler that `api.handleRequest(request, ...args)` calls with the
 * operation's context and the arguments it was given. (The map form, `api.register({ operationId: handler })`, is not
 * read.)
 */
export const openapiBackend: FrameworkDescriptor = {
  name: 'openapi-backend',
  registrations: [
    registration('openapi-backend', ['openapi-backend'], ['OpenAPIBackend'], 'construct', { methods }),
    registration('openapi-backend', ['openapi-backend'], ['default'], 'construct', { methods }),
  ],
};
