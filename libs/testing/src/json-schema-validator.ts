import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** A strict JSON Schema (draft 2020-12) validator with the standard formats (date-time, uuid, ...). */
export function compileJsonSchema(schema: object) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}
