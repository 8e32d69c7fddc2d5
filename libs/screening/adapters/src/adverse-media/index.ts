export * from './adverse-media-http-protocol';
export * from './adverse-media-reference-server';
export * from './article-corpus';
export * from './circuit-breaker';
export * from './http-adverse-media-provider';
export * from './offline-corpus-adverse-media-provider';
