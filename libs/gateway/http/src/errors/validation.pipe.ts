import { ValidationError, ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
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

/**
 * class-validator on every body and query: unknown fields are rejected, types converted, issues named by field.
 * A body must be a JSON object: an array or a bare value would otherwise be validated as an empty object.
 */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && metadata.metatype && value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw ApiError.invalid('the body must be a JSON object', [{ field: 'body', issue: 'must be a JSON object' }]);
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
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
