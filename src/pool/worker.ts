/** Worker-thread entry for the piscina pool: runs a range of replications of a kernel. */
import { runRange } from './kernels.ts';

export interface RangeTask {
  kernel: string;
  spec: unknown;
  seed: number | string;
  scenario: string;
  from: number;
  to: number;
}

export default function runTask(task: RangeTask): Record<string, number>[] {
  return runRange(task.kernel, task.spec, task.seed, task.scenario, task.from, task.to);
}
