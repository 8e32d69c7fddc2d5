export { crossValidate, type CrossValidationInput } from './cross-validate';
export {
  CROSS_VALIDATION_CODES,
  type CrossValidationCode,
  type CrossValidationSeverity,
  DOCUMENTS_FIELD,
  FORM_FIELD,
} from './cross-validation-codes';
export {
  type CrossValidationOptions,
  DEFAULT_EXPIRY_WARNING_DAYS,
  resolveCrossValidationOptions,
  type ResolvedCrossValidationOptions,
} from './cross-validation-options';
export { NAME_DIFFERENCE_KINDS, type NameDifferenceKind } from './name/name-comparison';
export {
  DEFAULT_NAME_TOLERANCE,
  type NameDifferenceSeverity,
  type NameTolerance,
} from './name/name-tolerance';
