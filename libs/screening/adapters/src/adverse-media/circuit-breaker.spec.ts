import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker';

function breaker(failureThreshold = 3, coolDownMs = 1000) {
  let now = 0;
  return {
    circuit: new CircuitBreaker({ failureThreshold, coolDownMs, now: () => now }),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('CircuitBreaker', () => {
  it('opens after N consecutive failures, not after failures broken by a success', () => {
    const { circuit } = breaker(3);
    circuit.tryAcquire()!.failed();
    circuit.tryAcquire()!.failed();
    circuit.tryAcquire()!.succeeded();
    circuit.tryAcquire()!.failed();
    circuit.tryAcquire()!.failed();
    expect(circuit.state).toBe('closed');
    circuit.tryAcquire()!.failed();
    expect(circuit.state).toBe('open');
    expect(circuit.tryAcquire()).toBeUndefined();
  });

  it('half-opens after the cool-down, admits one trial, and closes on its success', () => {
    const { circuit, advance } = breaker(1, 1000);
    circuit.tryAcquire()!.failed();
    advance(999);
    expect(circuit.state).toBe('open');
    advance(1);
    expect(circuit.state).toBe('half-open');
    const trial = circuit.tryAcquire()!;
    expect(trial).toBeDefined();
    expect(circuit.tryAcquire()).toBeUndefined();
    trial.succeeded();
    expect(circuit.state).toBe('closed');
    expect(circuit.tryAcquire()).toBeDefined();
  });

  it('reopens for a new cool-down when the trial fails', () => {
    const { circuit, advance } = breaker(2, 1000);
    circuit.tryAcquire()!.failed();
    circuit.tryAcquire()!.failed();
    advance(1000);
    circuit.tryAcquire()!.failed();
    expect(circuit.state).toBe('open');
    advance(999);
    expect(circuit.state).toBe('open');
    advance(1);
    expect(circuit.state).toBe('half-open');
  });

  it('frees the trial slot when the trial is abandoned, without changing state', () => {
    const { circuit, advance } = breaker(1, 10);
    circuit.tryAcquire()!.failed();
    advance(10);
    circuit.tryAcquire()!.abandoned();
    expect(circuit.state).toBe('half-open');
    expect(circuit.tryAcquire()).toBeDefined();
  });

  it('ignores a permit settled twice', () => {
    const { circuit } = breaker(2);
    const permit = circuit.tryAcquire()!;
    permit.failed();
    permit.failed();
    expect(circuit.state).toBe('closed');
  });

  it('refuses a configuration it cannot honour', () => {
    expect(() => new CircuitBreaker({ failureThreshold: 0, coolDownMs: 10 })).toThrow(RangeError);
    expect(() => new CircuitBreaker({ failureThreshold: 1.5, coolDownMs: 10 })).toThrow(RangeError);
    expect(() => new CircuitBreaker({ failureThreshold: 1, coolDownMs: -1 })).toThrow(RangeError);
  });
});
