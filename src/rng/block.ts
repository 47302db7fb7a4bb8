/**
 * Block-buffered 32-bit draws from one RandomStream: the stream fills a Uint32Array in a tight
 * loop (RandomStream.fillU32) and the owner reads words from it. The words are exactly the
 * stream's nextU32() sequence, so a block reader is deterministic given the stream's key; it
 * must own its stream (no other reader), which is how the simulator's samplers use it.
 */
import type { RandomStream } from './stream.ts';

export const BLOCK_WORDS = 4096;

export class U32Block {
  readonly buf = new Uint32Array(BLOCK_WORDS);
  pos = BLOCK_WORDS;
  constructor(readonly rng: RandomStream) {}

  /** Next 32-bit word. */
  next(): number {
    if (this.pos === BLOCK_WORDS) {
      this.rng.fillU32(this.buf);
      this.pos = 0;
    }
    return this.buf[this.pos++]!;
  }

  /** Uniform double in [0, 1) from two words (53 bits), as RandomStream.uniform does. */
  uniform(): number {
    const hi = this.next() >>> 5;
    const lo = this.next() >>> 6;
    return (hi * 67108864 + lo) * (1 / 9007199254740992);
  }
}
