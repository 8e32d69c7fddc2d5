export { ListParseError } from './list-parse.error';
export { parseOfacLegacyCsv, OFAC_FILE_LABELS, type OfacLegacyCsvFiles } from './ofac-legacy-csv.parser';
export { parseUnConsolidatedXml, UN_FILE_LABEL } from './un-consolidated-xml.parser';
export { parseEuFsfJson, EU_FILE_LABEL } from './eu-fsf-json.parser';
export { listDelta, screeningFingerprint, type ListDelta } from './list-delta';
export { countryCode } from './country-codes';
