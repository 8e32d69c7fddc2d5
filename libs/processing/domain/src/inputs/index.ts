export * from './processing-inputs';
