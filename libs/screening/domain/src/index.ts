export * from './model';
export * from './lists';
export * from './crypto';
export * from './matching';
export * from './adverse-media';
