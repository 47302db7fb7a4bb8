/** The sql-policy model (seed 001, Katircioglu, Brown & Asghar 2007): public API. */
export * from './types.ts';
export * from './safety-factor.ts';
export * from './model.ts';
export * from './raw.ts';
