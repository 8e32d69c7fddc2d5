export * from './aggregate-repository';
export * from './decider';
export * from './event-codec';
export * from './personal-data-policy';
export * from './session-application.service';
export * from './session-commands.port';
export * from './tokens';
