import { expect } from 'vitest';
import type { ApiResponse } from './api-client';

export function expectStatus(response: ApiResponse, status: number): void {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
}

/** A success envelope with this status; returns its `data`. */
export function ok(response: ApiResponse, status = 200) {
  expectStatus(response, status);
  expect(response.body.status).toBe('success');
  return response.body.data;
}

/** The error envelope of API.md: status, code, a message, and `details` naming each of `fields`. */
export function expectError(response: ApiResponse, status: number, code: string, fields: string | string[] = []): void {
  const context = JSON.stringify(response.body);
  expect(response.status, context).toBe(status);
  expect(response.body?.status, context).toBe('error');
  expect(response.body?.error?.code, context).toBe(code);
  expect(typeof response.body?.error?.message, context).toBe('string');
  expect(response.body.error.message.length, context).toBeGreaterThan(0);
  const named = (response.body.error.details ?? []).map((d: { field: string }) => d.field);
  for (const field of typeof fields === 'string' ? [fields] : fields) expect(named, context).toContain(field);
}

/** Retries `check` until it stops throwing (bounded): for reads that follow the write side asynchronously. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 10; ; delay = Math.min(delay * 2, 200)) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
