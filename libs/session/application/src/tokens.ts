/** Nest injection tokens for the ports the application layer is given by its host. */
export const PII_VAULT = Symbol('PII_VAULT');
export const DOCUMENT_STORAGE = Symbol('DOCUMENT_STORAGE');
/** `() => Date`: the current time, injectable so tests can move it. */
export const CLOCK = Symbol('CLOCK');
export type Clock = () => Date;
export { EVENT_STORE } from '@kyc/event-store';
