import type { OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject, ParameterObject, ResponseObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { DOCUMENT_TYPES } from '@kyc/workflow-domain';
import type { ApiErrorCode } from '../errors/api-error';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

const ERROR_ENVELOPE: SchemaObject = {
  type: 'object',
  required: ['status', 'error'],
  properties: {
    status: { type: 'string', enum: ['error'] },
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', example: 'invalid_request' },
        message: { type: 'string' },
        details: {
          type: 'array',
          items: { type: 'object', required: ['field', 'issue'], properties: { field: { type: 'string' }, issue: { type: 'string' } } },
        },
      },
    },
  },
};

const SUCCESS_ENVELOPE: SchemaObject = {
  type: 'object',
  required: ['status', 'data'],
  properties: { status: { type: 'string', enum: ['success'] }, data: { type: 'object' } },
};

/** The multipart body of a document upload (the one route whose body is not JSON). */
const UPLOAD_FORM: SchemaObject = {
  type: 'object',
  required: ['file'],
  properties: {
    file: { type: 'string', format: 'binary', description: 'The document; its type is decided by content sniffing.' },
    document_type: { type: 'string', enum: [...DOCUMENT_TYPES], description: 'Optional on a selfie step.' },
  },
};
const UPLOAD_ROUTE = '/public/api/sessions/{access_token}/steps/{step_id}/documents';

const IDEMPOTENCY_KEY: ParameterObject = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'The same key with the same request within 24 h replays the first response (with the header Idempotent-Replayed: true); ' +
    'with a different request it is 422 idempotency_key_reused; while the first request still runs it is 409 idempotency_key_in_use.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
};

function error(description: string, ...codes: ApiErrorCode[]): ResponseObject {
  return {
    description: `${description} (code ${codes.join(' or ')})`,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } },
  };
}

/** The error answers an operation can give, from its shape: auth, path parameters, body, method. */
function errorResponses(path: string, method: string, operation: OperationObject): Record<string, ResponseObject> {
  const secured = (operation.security ?? []).length > 0;
  const hasPathParameters = path.includes('{');
  const isPublic = path.startsWith('/public/');
  const responses: Record<string, ResponseObject> = {};
  if (path !== '/health' && path !== '/health/ready') responses['400'] = error('Invalid parameters or body, each issue named by field', 'invalid_request');
  if (secured) {
    responses['401'] = error('Missing, malformed, unknown or revoked API key', 'unauthorized');
    responses['403'] = error('The API key lacks the scope of this route (or is the root key on a tenant route)', 'forbidden');
  }
  if (hasPathParameters) responses['404'] = error("Not found, or another tenant's (existence is not revealed)", 'not_found');
  if (hasPathParameters && method !== 'get') responses['409'] = error('Not allowed in the current status, or changed concurrently', 'invalid_transition', 'version_conflict');
  if (isPublic) responses['410'] = error('The access link has expired', 'link_expired');
  if (operation.requestBody) {
    responses['413'] = error('The body is larger than the limit', 'payload_too_large');
    responses['415'] = error('The body is not application/json (multipart/form-data for uploads)', 'unsupported_media_type');
  }
  if (method === 'post') responses['422'] = error('The Idempotency-Key was used with a different request', 'idempotency_key_reused');
  if (path.endsWith('/process')) responses['501'] = error('Not available in this release', 'not_implemented');
  if (path === '/health/ready') responses['503'] = error('A dependency is not reachable', 'service_unavailable');
  else if (method !== 'get' && !path.startsWith('/admin')) {
    responses['503'] = error('The session service did not answer; retry with the same Idempotency-Key', 'service_unavailable');
  }
  responses['500'] = error('An unexpected fault (never for bad input)', 'internal_error');
  return responses;
}

/**
 * What the controllers' decorators cannot say on their own, written into the generated document: the
 * envelopes, every error answer, the Idempotency-Key header, the required scope, which routes need no key,
 * the multipart upload body, and that request bodies refuse unknown fields.
 */
export function applyApiConventions(document: OpenAPIObject): OpenAPIObject {
  const schemas = (document.components ??= {}).schemas ??= {};
  for (const schema of Object.values(schemas) as SchemaObject[]) {
    if (schema.type === 'object' && schema.properties && schema.additionalProperties === undefined) schema.additionalProperties = false;
  }
  schemas['ErrorEnvelope'] = ERROR_ENVELOPE;
  schemas['SuccessEnvelope'] = SUCCESS_ENVELOPE;
  schemas['DocumentUploadForm'] = UPLOAD_FORM;

  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      if (path === UPLOAD_ROUTE && method === 'post') {
        operation.requestBody = { required: true, content: { 'multipart/form-data': { schema: { $ref: '#/components/schemas/DocumentUploadForm' } } } };
      }
      if (!operation.security || operation.security.length === 0) operation.security = [];
      const scope = (operation as OperationObject & { 'x-required-scope'?: string })['x-required-scope'];
      if (scope) {
        const needs = scope === 'admin' ? 'Requires the root key (KYC_ROOT_API_KEY).' : `Requires an API key with the scope \`${scope}\`.`;
        operation.description = operation.description ? `${operation.description}\n\n${needs}` : needs;
      } else if (operation.security.length === 0) {
        operation.description = operation.description ?? (path.startsWith('/public/') ? 'No API key: the access token in the path is the credential.' : 'No authentication.');
      }
      if (method === 'post' && !(operation.parameters ?? []).some((p) => 'name' in p && p.name === IDEMPOTENCY_KEY.name)) {
        operation.parameters = [...(operation.parameters ?? []), IDEMPOTENCY_KEY];
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!status.startsWith('2') || !response || !('description' in response)) continue;
        if (!response.description) response.description = status === '201' ? 'Created' : 'Success';
        response.content ??= { 'application/json': { schema: { $ref: '#/components/schemas/SuccessEnvelope' } } };
      }
      operation.responses = { ...operation.responses, ...errorResponses(path, method, operation) };
    }
  }
  return document;
}
