export * from './gateway-server';
export * from './infrastructure';
export * from './run-service';
export * from './health-server';
export * from './screening';
export * from './processing';
