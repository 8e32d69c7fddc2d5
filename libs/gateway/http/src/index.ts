export * from './app/create-gateway-app';
export * from './auth/scopes';
export * from './auth/tokens';
export * from './errors/api-error';
export * from './gateway-http.module';
export * from './health/health.controller';
export * from './http/app-tokens';
export * from './health/readiness';
