import { afterAll, describe, expect, it } from 'vitest';
import { closePool, runReplications } from '../../src/pool/run.ts';

describe('worker pool (smoke)', () => {
  afterAll(closePool);
  it('rejects a bad replication count', async () => {
    await expect(runReplications({ kernel: 'x', spec: {}, seed: 1, scenario: 's', replications: 0, threads: 1 })).rejects.toThrow(/replications must be a positive integer/);
  });
});
