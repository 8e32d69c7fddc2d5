import { Matches, registerDecorator, ValidateIf, type ValidationOptions } from 'class-validator';

/** A plain JSON object (not an array, not null) whose serialised size is at most `maxBytes`. */
export function IsJsonObject(maxBytes: number, options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isJsonObject',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Buffer.byteLength(JSON.stringify(value)) <= maxBytes,
        defaultMessage: () => `must be a JSON object of at most ${Math.round(maxBytes / 1024)} KiB`,
      },
    });
}

/** An object whose values are all strings (workflow custom_tags). */
export function IsStringMap(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isStringMap',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.values(value).every((v) => typeof v === 'string'),
        defaultMessage: () => 'must be an object of string values',
      },
    });
}

/**
 * The field may be left out; unlike class-validator's IsOptional, an explicit null is not "left out": it is
 * checked by the field's other rules (and so refused unless they accept it).
 */
export function Optional(options?: ValidationOptions) {
  return ValidateIf((_object, value) => value !== undefined, options);
}

/** Text the database can store: no NUL character (PostgreSQL text and JSONB refuse it). */
export function HasNoNul(options?: ValidationOptions) {
  return Matches(/^[^\u0000]*$/, { message: 'must not contain NUL characters', ...options });
}
