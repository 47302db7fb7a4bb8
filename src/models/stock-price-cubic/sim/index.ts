/** Cycle-process simulator of seed 003 (Shah): see ./cycles.ts. */
export * from './cycles.ts';
