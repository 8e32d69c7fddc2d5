export * from './cross-validation';
export * from './decision';
export * from './extraction';
export * from './inputs';
