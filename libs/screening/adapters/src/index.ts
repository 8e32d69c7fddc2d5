export * from './list-files';
export * from './adverse-media';
