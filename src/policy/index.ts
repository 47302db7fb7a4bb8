/** Policies as plain data, the rules the simulator runs them by, lot sizes and the policy file. */
export * from './types.ts';
export * from './lot.ts';
export * from './validate.ts';
export * from './rules.ts';
export * from './file.ts';
