import { registration, type FrameworkDescriptor } from './types.js';

/** BullMQ: `new Worker(queue, processor)`; the processor runs once per job. */
export const bullmq: FrameworkDescriptor = {
  name: 'BullMQ',
  registrations: [
    registration('BullMQ', ['bullmq'], ['Worker'], 'construct', { registersArguments: true, handlerKind: 'consumer' }),
  ],
};

/** Bull: `queue.process(processor)` of `new Queue()` or `Queue()`. */
export const bull: FrameworkDescriptor = {
  name: 'Bull',
  registrations: [
    registration('Bull', ['bull'], [], 'construct', { methods: { process: 'handler' } }),
    registration('Bull', ['bull'], [], 'call', { methods: { process: 'handler' } }),
  ],
};
