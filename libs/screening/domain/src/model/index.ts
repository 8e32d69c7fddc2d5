export * from './sanctioned-entity';
