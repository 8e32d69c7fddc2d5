export * from './mrz-ocr';
export * from './files';
export * from './faces';
