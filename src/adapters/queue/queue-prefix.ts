/** BullMQ key prefix of the chunk queue; tests use their own. */
export const DEFAULT_QUEUE_PREFIX = 'leadforge';
