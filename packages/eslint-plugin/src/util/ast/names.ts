/**
 * The name an expression ends in (`timer`, `this.timer`, `jobs['nightly']`): the same helper as core's, so that
 * rules and the request-path model name expressions alike.
 */
export { nameOf } from '@backend-perf/core';
