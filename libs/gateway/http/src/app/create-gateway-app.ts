import multipart from '@fastify/multipart';
import { Logger, type LoggerService, type Type, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error';
import { ErrorEnvelopeFilter, sendApiError } from '../errors/error-envelope.filter';
import { SuccessEnvelopeInterceptor } from '../errors/success-envelope.interceptor';
import { createValidationPipe } from '../errors/validation.pipe';
import { JsonBodyInterceptor } from '../http/json-body.interceptor';
import { findJsonBodyProblem } from '../http/json-body-rules';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { mountOpenApi } from '../openapi/openapi';

const DEFAULT_JSON_BODY_LIMIT = 256 * 1024;
const MAX_PARAM_LENGTH = 500;

export interface GatewayAppOptions {
  /** Largest JSON body accepted (bytes). Metadata is capped at 16 KiB by validation; this bounds parsing. */
  jsonBodyLimit?: number;
  uploadMaxBytes: number;
  logger?: LoggerService | false;
}

/** Builds the gateway's Nest application on Fastify with the API's envelope, validation and OpenAPI. */
export async function createGatewayApp(module: Type | DynamicModule, options: GatewayAppOptions): Promise<NestFastifyApplication> {
  const bodyLimit = options.jsonBodyLimit ?? DEFAULT_JSON_BODY_LIMIT;
  const adapter = new FastifyAdapter({
    bodyLimit,
    // Long enough for any id the API issues, so a malformed one reaches the handler's own 400 naming it.
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // Refused by the router before Nest sees the request: a path too long or not valid percent-encoding.
    frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      const issue = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? `a path segment is longer than ${MAX_PARAM_LENGTH} characters` : 'is not a valid URL';
      sendApiError(reply, ApiError.invalid(`path: ${issue}`, [{ field: 'path', issue }]));
    },
  });
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
 * the header on POSTs that take none); malformed JSON is a 400 naming the body, and text the database cannot
 * store or nesting past the depth limit is a 400 naming its field.
 */
function acceptOnlyJsonBodies(fastify: FastifyInstance, bodyLimit: number): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (request, body, done) => {
    const text = body.toString();
    if (text.trim() === '') return done(null, undefined);
    parseJson(request, text, (error: Error | null, value?: unknown) => {
      if (error) return done(ApiError.invalid(`malformed JSON body: ${error.message}`, [{ field: 'body', issue: 'is not valid JSON' }]), undefined);
      const problem = findJsonBodyProblem(value);
      if (problem) return done(ApiError.invalid(`${problem.field}: ${problem.issue}`, [problem]), undefined);
      done(null, value);
    });
  });
}
