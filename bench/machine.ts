/**
 * What every benchmark records of the machine it ran on, beside its figures: the Node version,
 * the CPU model, the threads available, and the load average at the start and at the end (a
 * busy machine disturbs wall times; the benchmarks' ratios are measured in the same run).
 */
import { availableParallelism, cpus, loadavg } from 'node:os';

/** The load average now: call at a benchmark's start and pass it to machineInfo at its end. */
export const loadAverageNow = (): number[] => loadavg();

export function machineInfo(loadAverageAtStart: number[]): { node: string; cpu: string; threadsAvailable: number; loadAverageAtStart: number[]; loadAverageAtEnd: number[] } {
  return { node: process.version, cpu: cpus()[0]?.model ?? 'unknown', threadsAvailable: availableParallelism(), loadAverageAtStart, loadAverageAtEnd: loadavg() };
}
