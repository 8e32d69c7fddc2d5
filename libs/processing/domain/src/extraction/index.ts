export { countryFromIcaoCode } from './icao-country-code';
export { ISO_ALPHA3_TO_ALPHA2 } from './iso-country-codes';
export { documentTypeFromMrzCode, type ExtractedDocumentType } from './mrz-document-type';
export { failedExtraction, toDocumentExtraction } from './to-document-extraction';
