export * from './mrz';
export * from './face';
