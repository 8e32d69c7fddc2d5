import { logLevel as KafkaJsLogLevel, type logCreator } from 'kafkajs';

export type KafkaLogLevel = 'error' | 'warn' | 'info' | 'debug';

export interface KafkaLogRecord {
  level: KafkaLogLevel;
  /** Where the record comes from: a kafkajs component (`Consumer`, `Connection`, ...) or `KafkaMessageBus`. */
  namespace: string;
  message: string;
  /** ISO 8601. */
  timestamp: string;
  details: Record<string, unknown>;
}

export type KafkaLogSink = (record: KafkaLogRecord) => void;

const SEVERITY: Record<KafkaLogLevel | 'nothing', number> = {
  nothing: KafkaJsLogLevel.NOTHING,
  error: KafkaJsLogLevel.ERROR,
  warn: KafkaJsLogLevel.WARN,
  info: KafkaJsLogLevel.INFO,
  debug: KafkaJsLogLevel.DEBUG,
};

export function kafkaJsLogLevel(level: KafkaLogLevel | 'nothing'): KafkaJsLogLevel {
  const severity = SEVERITY[level];
  if (severity === undefined) throw new RangeError(`unknown log level ${String(level)}`);
  return severity;
}

function levelName(level: KafkaJsLogLevel): KafkaLogLevel {
  if (level <= KafkaJsLogLevel.ERROR) return 'error';
  if (level === KafkaJsLogLevel.WARN) return 'warn';
  if (level === KafkaJsLogLevel.INFO) return 'info';
  return 'debug';
}

/**
 * Routes kafkajs's own logging to `sink`, or nowhere: without a sink kafkajs would write to the console,
 * which a library must not do on its own.
 */
export function kafkaLogCreator(sink: KafkaLogSink | undefined): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      if (!sink) return;
      const { message, timestamp, ...details } = log;
      sink({ level: levelName(level), namespace, message, timestamp, details });
    };
}

/** The bus's own log lines, through the same sink and threshold as kafkajs's. */
export function busLogger(sink: KafkaLogSink | undefined, threshold: KafkaLogLevel | 'nothing') {
  const limit = kafkaJsLogLevel(threshold);
  return (level: KafkaLogLevel, message: string, details: Record<string, unknown> = {}): void => {
    if (!sink || SEVERITY[level] > limit) return;
    sink({ level, namespace: 'KafkaMessageBus', message, timestamp: new Date().toISOString(), details });
  };
}

export type BusLogger = ReturnType<typeof busLogger>;
