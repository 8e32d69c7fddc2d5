import type { IHeaders, KafkaMessage } from 'kafkajs';
import { DLQ_HEADERS, type ConsumedMessage, type MessageHeaders } from '../message-bus.port';

/**
 * Header values as the port sees them. Kafka allows a header name to repeat; the port's headers are a plain
 * map, so the last value wins, as with Java's `Headers.lastHeader`.
 */
export function headersToStrings(headers: IHeaders | undefined): MessageHeaders {
  const result: MessageHeaders = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last === undefined) continue;
    result[name] = Buffer.isBuffer(last) ? last.toString('utf8') : String(last);
  }
  return result;
}

/** A fresh copy for every delivery, so a handler that mutates its buffer cannot affect a redelivery. */
export function toConsumedMessage(
  topic: string,
  partition: number,
  message: KafkaMessage,
  attempt: number,
): ConsumedMessage {
  return {
    topic,
    partition,
    offset: BigInt(message.offset),
    key: message.key ? message.key.toString('utf8') : '',
    value: message.value ? Buffer.from(message.value) : Buffer.alloc(0),
    headers: headersToStrings(message.headers),
    timestamp: Number(message.timestamp),
    attempt,
  };
}

export interface DeadLetterContext {
  topic: string;
  partition: number;
  offset: string;
  groupId: string;
  attempts: number;
  error: unknown;
  failedAt: Date;
}

/** The message's own headers plus the DLQ_HEADERS the port defines. */
export function deadLetterHeaders(
  original: IHeaders | undefined,
  context: DeadLetterContext,
): MessageHeaders {
  const { error } = context;
  return {
    ...headersToStrings(original),
    [DLQ_HEADERS.originalTopic]: context.topic,
    [DLQ_HEADERS.originalPartition]: String(context.partition),
    [DLQ_HEADERS.originalOffset]: context.offset,
    [DLQ_HEADERS.groupId]: context.groupId,
    [DLQ_HEADERS.attempts]: String(context.attempts),
    [DLQ_HEADERS.errorName]: error instanceof Error ? error.name : typeof error,
    [DLQ_HEADERS.errorMessage]: error instanceof Error ? error.message : String(error),
    [DLQ_HEADERS.failedAt]: context.failedAt.toISOString(),
  };
}
