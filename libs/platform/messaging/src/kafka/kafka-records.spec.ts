import type { KafkaMessage } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { DLQ_HEADERS } from '../message-bus.port';
import { deadLetterHeaders, headersToStrings, toConsumedMessage } from './kafka-records';

const record = (overrides: Partial<KafkaMessage> = {}): KafkaMessage =>
  ({
    key: Buffer.from('session-1'),
    value: Buffer.from([0, 1, 255]),
    timestamp: '1700000000123',
    attributes: 0,
    offset: '9007199254740993',
    headers: { trace: Buffer.from('t-1') },
    ...overrides,
  }) as KafkaMessage;

describe('Kafka records as the port sees them', () => {
  it('maps key, value, headers, offset (beyond 2^53) and timestamp', () => {
    const message = toConsumedMessage('t', 2, record(), 3);
    expect(message).toEqual({
      topic: 't',
      partition: 2,
      offset: 9007199254740993n,
      key: 'session-1',
      value: Buffer.from([0, 1, 255]),
      headers: { trace: 't-1' },
      timestamp: 1700000000123,
      attempt: 3,
    });
  });

  it('gives every delivery its own copy of the value, and empty buffers for null key and value', () => {
    const original = record();
    const first = toConsumedMessage('t', 0, original, 1);
    first.value.fill(7);
    expect([...toConsumedMessage('t', 0, original, 2).value]).toEqual([0, 1, 255]);

    const tombstone = toConsumedMessage('t', 0, record({ key: null, value: null }), 1);
    expect(tombstone.key).toBe('');
    expect(tombstone.value).toEqual(Buffer.alloc(0));
  });

  it('keeps the last value of a repeated header and skips absent ones', () => {
    expect(headersToStrings({ a: [Buffer.from('1'), Buffer.from('2')], b: 'text', c: undefined })).toEqual({
      a: '2',
      b: 'text',
    });
    expect(headersToStrings(undefined)).toEqual({});
  });

  it('adds the DLQ headers to the message headers', () => {
    const headers = deadLetterHeaders(
      { trace: Buffer.from('t-1') },
      {
        topic: 'orders',
        partition: 1,
        offset: '42',
        groupId: 'billing',
        attempts: 5,
        error: new TypeError('bad payload'),
        failedAt: new Date('2024-01-02T03:04:05.000Z'),
      },
    );
    expect(headers).toEqual({
      trace: 't-1',
      [DLQ_HEADERS.originalTopic]: 'orders',
      [DLQ_HEADERS.originalPartition]: '1',
      [DLQ_HEADERS.originalOffset]: '42',
      [DLQ_HEADERS.groupId]: 'billing',
      [DLQ_HEADERS.attempts]: '5',
      [DLQ_HEADERS.errorName]: 'TypeError',
      [DLQ_HEADERS.errorMessage]: 'bad payload',
      [DLQ_HEADERS.failedAt]: '2024-01-02T03:04:05.000Z',
    });
    expect(deadLetterHeaders(undefined, { ...baseContext(), error: 'plain' })[DLQ_HEADERS.errorName]).toBe(
      'string',
    );
  });
});

function baseContext() {
  return { topic: 't', partition: 0, offset: '0', groupId: 'g', attempts: 1, failedAt: new Date(0) };
}
