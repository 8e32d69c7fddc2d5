import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { compileJsonSchema } from './json-schema-validator';

/** A validator for messages of the public topic, taken from the published AsyncAPI document itself. */
export function sessionEventValidatorFromAsyncApi() {
  const document = parse(readFileSync(join(__dirname, '..', '..', '..', 'docs', 'asyncapi.yaml'), 'utf8'));
  return compileJsonSchema(document.channels.sessionEvents.messages.sessionEvent.payload.schema);
}
