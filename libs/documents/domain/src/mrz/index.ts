export * from './extract-mrz';
export * from './mrz-check-digit';
export * from './mrz-errors';
export * from './mrz-extraction';
export type { MrzCheckName, MrzFormat, MrzLayoutField } from './mrz-layout';
export type { MrzOcrInput, MrzOcrLine } from './mrz-ocr-text';
export * from './mrz-two-digit-year';
