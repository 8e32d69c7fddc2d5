export * from './descriptor-distance';
export * from './face-match-confidence';
export * from './subject-face';
export * from './face-match-decision';
