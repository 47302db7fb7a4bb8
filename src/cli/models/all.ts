/** Every model's CLI entry, built by one generic adapter from the models' solvers (src/models/solvers.ts). */
import { modelSolvers } from '../../models/solvers.ts';
import { findModelIn, type ModelEntry } from '../model-registry.ts';
import { solverEntry } from './generic.ts';

export const models: readonly ModelEntry[] = modelSolvers.map(solverEntry);

export function findModel(id: string): ModelEntry {
  return findModelIn(models, id);
}
