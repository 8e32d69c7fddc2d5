import { decide } from './session-decide';
import { evolve } from './session-evolve';
import { initialState } from './session-state';

/** The session aggregate as one value, for command handlers and the given/when/then helper. */
export const sessionDecider = { decide, evolve, initialState };
