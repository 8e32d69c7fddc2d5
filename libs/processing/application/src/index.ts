export * from './processing-error';
export * from './session-processor';
