export type { GreyImage } from './grey-image';
export * from './mrz-ocr-error';
export * from './mrz-reader';
export type { MrzOcrEngineKind } from './tesseract-mrz-engine';
