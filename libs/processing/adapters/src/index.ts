export * from './document-analysis';
export * from './web-validation';
