import { Param, type PipeTransform } from '@nestjs/common';
import { ApiError } from '../errors/api-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class ParseUuid implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}
  transform(value: string): string {
    if (!UUID.test(value)) throw ApiError.invalid(`${this.name} must be a UUID`, [{ field: this.name, issue: 'must be a UUID' }]);
    return value.toLowerCase();
  }
}

/** A path parameter that must be a UUID: a malformed one is a 400 naming the parameter, never a 500. */
export const UuidParam = (name: string) => Param(name, new ParseUuid(name));
