import multipart from '@fastify/multipart';
import { Logger, type LoggerService, type Type, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors/api-error';
import { ErrorEnvelopeFilter } from '../errors/error-envelope.filter';
import { SuccessEnvelopeInterceptor } from '../errors/success-envelope.interceptor';
import { createValidationPipe } from '../errors/validation.pipe';
import { JsonBodyInterceptor } from '../http/json-body.interceptor';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { mountOpenApi } from '../openapi/openapi';

const DEFAULT_JSON_BODY_LIMIT = 256 * 1024;

export interface GatewayAppOptions {
  /** Largest JSON body accepted (bytes). Metadata is capped at 16 KiB by validation; this bounds parsing. */
  jsonBodyLimit?: number;
  uploadMaxBytes: number;
  logger?: LoggerService | false;
}

/** Builds the gateway's Nest application on Fastify with the API's envelope, validation and OpenAPI. */
export async function createGatewayApp(module: Type | DynamicModule, options: GatewayAppOptions): Promise<NestFastifyApplication> {
  const bodyLimit = options.jsonBodyLimit ?? DEFAULT_JSON_BODY_LIMIT;
  const adapter = new FastifyAdapter({ bodyLimit });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    logger: options.logger === undefined ? new Logger() : options.logger,
    abortOnError: false,
    // The body parsers are the API's own (below), not Nest's defaults, which also accept url-encoded forms.
    bodyParser: false,
  });
  acceptOnlyJsonBodies(app.getHttpAdapter().getInstance(), bodyLimit);
  await app.register(multipart as never, { limits: { fileSize: options.uploadMaxBytes, files: 1, fields: 10 } });

  app.useGlobalFilters(new ErrorEnvelopeFilter());
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalInterceptors(new SuccessEnvelopeInterceptor(), new JsonBodyInterceptor(), app.get(IdempotencyInterceptor));
  app.enableShutdownHooks();
  mountOpenApi(app);
  return app;
}

/**
 * JSON is the only body the API parses (multipart for uploads is added by its plugin): any other content
 * type is a 415 before a handler runs. An empty body with a JSON content type is no body at all (clients send
 * the header on POSTs that take none); malformed JSON is a 400 naming the body.
 */
function acceptOnlyJsonBodies(fastify: FastifyInstance, bodyLimit: number): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (request, body, done) => {
    const text = body.toString();
    if (text.trim() === '') return done(null, undefined);
    parseJson(request, text, (error: Error | null, value?: unknown) => {
      if (error) done(ApiError.invalid(`malformed JSON body: ${error.message}`, [{ field: 'body', issue: 'is not valid JSON' }]), undefined);
      else done(null, value);
    });
  });
}
