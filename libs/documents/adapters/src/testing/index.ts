export * from './compose-mrz-lines';
export * from './degrade-image';
export * from './mrz-document';
export { mrzFixtureDocuments, mrzFixtures, type MrzFixture, type MrzFixtureOptions } from './mrz-fixtures';
export * from './mrz-specimens';
export * from './render-mrz-document';
export * from './seeded-random';
export * from './synthetic-mrz-documents';
export * from './wrong-check-digit';
