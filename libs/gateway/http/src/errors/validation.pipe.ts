import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiError, type FieldIssue } from './api-error';

function flatten(errors: ValidationError[], prefix = ''): FieldIssue[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property) ? `${prefix}[${error.property}]` : prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((issue) => ({
      field,
      issue: issue.replace(/^property \S+ should not exist$/, 'unknown field').replace(/^(\S+) (?=must|should)/, ''),
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** class-validator on every body and query: unknown fields are rejected, types converted, issues named by field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      return ApiError.invalid(details.map((d) => `${d.field}: ${d.issue}`).join('; ') || 'invalid request', details);
    },
  });
}
