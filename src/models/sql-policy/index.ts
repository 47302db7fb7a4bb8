/** The sql-policy model (Katircioglu, Brown & Asghar 2007): public API. */
export * from './meta.ts';
export * from './types.ts';
export * from './params.ts';
export * from './formulas.ts';
export * from './safety-factor.ts';
export * from './model.ts';
export * from './policy.ts';
export * from './raw.ts';
export * from './fixtures.ts';
