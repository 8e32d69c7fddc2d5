export interface ConfigProblem {
  variable: string;
  message: string;
}

/** Every configuration problem found at once, each naming its variable; values are never echoed (they may be secrets). */
export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}
