export * from './adverse-media-provider';
export * from './adverse-media-validation';
export * from './article-classifier';
export * from './article-text';
export * from './name-mentions';
export * from './risk-category';
export * from './risk-lexicon';
export * from './risk-scorer';
