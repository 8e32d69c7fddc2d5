/**
 * Read-your-writes: lets a handler wait until the read model shows what a command just appended. Resolves
 * false when that takes too long (the projection is down or far behind): the command has succeeded anyway,
 * so the handler answers and the read model catches up later.
 */
export interface ReadModelConsistency {
  waitFor(position: bigint): Promise<boolean>;
}
export const READ_MODEL_CONSISTENCY = Symbol('READ_MODEL_CONSISTENCY');

/** The tenants' webhook endpoints (a WebhookEndpoints of @kyc/notification). */
export const WEBHOOK_ENDPOINTS = Symbol('WEBHOOK_ENDPOINTS');

/** The sanctions lists in force and their indexes (a ScreeningCatalog of @kyc/screening-application). */
export const SCREENING_CATALOG = Symbol('SCREENING_CATALOG');

/** Runs a session's validations (a SessionValidator of @kyc/screening-application). */
export const SESSION_VALIDATOR = Symbol('SESSION_VALIDATOR');
