import multipart from '@fastify/multipart';
import { Logger, type LoggerService, type Type, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ErrorEnvelopeFilter, toApiError } from '../errors/error-envelope.filter';
import { SuccessEnvelopeInterceptor } from '../errors/success-envelope.interceptor';
import { createValidationPipe } from '../errors/validation.pipe';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { mountOpenApi } from '../openapi/openapi';

export interface GatewayAppOptions {
  /** Largest JSON body accepted (bytes). Metadata is capped at 16 KiB by validation; this bounds parsing. */
  jsonBodyLimit?: number;
  uploadMaxBytes: number;
  logger?: LoggerService | false;
}

/** Builds the gateway's Nest application on Fastify with the API's envelope, validation and OpenAPI. */
export async function createGatewayApp(module: Type | DynamicModule, options: GatewayAppOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: options.jsonBodyLimit ?? 256 * 1024 });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    logger: options.logger === undefined ? new Logger() : options.logger,
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  // Errors raised by Fastify itself (malformed JSON, body too large, unknown content type) never reach Nest's
  // filters; answer them in the same envelope.
  fastify.setErrorHandler((error, _request, reply) => {
    const apiError = toApiError(error);
    void reply.status(apiError.status).send({
      status: 'error',
      error: { code: apiError.code, message: apiError.message, ...(apiError.details.length ? { details: apiError.details } : {}) },
    });
  });
  await app.register(multipart as never, { limits: { fileSize: options.uploadMaxBytes, files: 1, fields: 10 } });

  app.useGlobalFilters(new ErrorEnvelopeFilter());
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalInterceptors(new SuccessEnvelopeInterceptor(), app.get(IdempotencyInterceptor));
  app.enableShutdownHooks();
  mountOpenApi(app);
  return app;
}
