import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { applyApiConventions } from './api-conventions';

const DESCRIPTION = [
  'Onboard end users through KYC sessions built from versioned workflows.',
  '',
  'Every response uses the envelope `{"status":"success","data":...}` or',
  '`{"status":"error","error":{"code","message","details":[{"field","issue"}]}}`.',
  '',
  'Tenant routes take `Authorization: Bearer <api key>`; each key carries scopes (kyc:create, kyc:read, kyc:update,',
  'kyc:delete, kyc:process, workflows:read, workflows:write, webhooks:manage, screening:search). The /admin routes take',
  "the operator's root key. The /public routes take no key: the end user's access token in the path is the credential.",
  "Another tenant's resource answers 404, never 403. Request bodies are JSON objects and unknown fields are refused.",
].join('\n');

/** OpenAPI 3 generated from the controllers and DTOs, with the API's conventions written in. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('KYC platform API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A tenant API key (or the root key for /admin).' })
    .build();
  return applyApiConventions(SwaggerModule.createDocument(app, config));
}

/** The page at /docs, the document at /docs/openapi.json (and .yaml). */
export function mountOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'docs/openapi.json', yamlDocumentUrl: 'docs/openapi.yaml' });
}
