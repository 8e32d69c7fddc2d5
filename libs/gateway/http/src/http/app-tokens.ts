/** Read-your-writes: lets a handler wait until the read model shows what a command just appended. */
export interface ReadModelConsistency {
  waitFor(position: bigint): Promise<void>;
}
export const READ_MODEL_CONSISTENCY = Symbol('READ_MODEL_CONSISTENCY');
