export * from './screening-catalog';
export * from './screening-hit';
export * from './session-subjects';
export * from './session-validator';
export * from './list-monitor';
export * from './list-monitoring.job';
export * from './approval-rescreening';
