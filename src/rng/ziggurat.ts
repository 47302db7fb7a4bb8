/**
 * Standard normal draws by the ziggurat method (Marsaglia & Tsang 2000, "The ziggurat method
 * for generating random variables", J. Stat. Software 5(8)), 128 layers, r = 3.442619855899,
 * v = 9.91256303526217e-3, with the layer index and the abscissa taken from DISJOINT bits of
 * the 32-bit word (7 low bits for the layer, the 25 high bits as a signed abscissa), which avoids
 * the dependence between them of the original RNOR (Doornik 2005). The abscissa is resolved to
 * r·2^−24; the tail beyond r uses Marsaglia's exponential method with 53-bit uniforms.
 *
 * Draws 32-bit words from its own stream in blocks (./block.ts), so the sequence is
 * deterministic given the stream's key. About one word per normal (rejections ~1.2 %).
 */
import { U32Block } from './block.ts';
import type { RandomStream } from './stream.ts';

const R = 3.442619855899;
const M = 16777216; // 2^24: scale of the 25-bit signed abscissa
const kn = new Float64Array(128);
const wn = new Float64Array(128);
const fn = new Float64Array(128);
(() => {
  let dn = R;
  let tn = dn;
  const vn = 9.91256303526217e-3;
  const q = vn / Math.exp(-0.5 * dn * dn);
  kn[0] = (dn / q) * M;
  kn[1] = 0;
  wn[0] = q / M;
  wn[127] = dn / M;
  fn[0] = 1;
  fn[127] = Math.exp(-0.5 * dn * dn);
  for (let i = 126; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(vn / dn + Math.exp(-0.5 * dn * dn)));
    kn[i + 1] = (dn / tn) * M;
    tn = dn;
    fn[i] = Math.exp(-0.5 * dn * dn);
    wn[i] = dn / M;
  }
})();

export class ZigguratNormal {
  /** the word source (shared by samplers built on these normals, e.g. ZigguratGamma) */
  readonly block: U32Block;
  constructor(rng: RandomStream) {
    this.block = new U32Block(rng);
  }

  /** One N(0, 1) draw. */
  next(): number {
    const w = this.block.next();
    const j = w >> 7; // signed, |j| ≤ 2^24
    const i = w & 127;
    if (Math.abs(j) < kn[i]!) return j * wn[i]!;
    return this.fix(j, i);
  }

  /** Uniform in (0, 1) with 53 bits. */
  private uniformOpen(): number {
    for (;;) {
      const u = this.block.uniform();
      if (u > 0) return u;
    }
  }

  private fix(j0: number, i0: number): number {
    let j = j0;
    let i = i0;
    for (;;) {
      const x = j * wn[i]!;
      if (i === 0) {
        // the tail beyond R: x = −ln(U1)/R, y = −ln(U2), accept when 2y ≥ x²
        let xt: number;
        let y: number;
        do {
          xt = -Math.log(this.uniformOpen()) / R;
          y = -Math.log(this.uniformOpen());
        } while (y + y < xt * xt);
        return j > 0 ? R + xt : -R - xt;
      }
      // the wedge between layers i and i − 1
      if (fn[i]! + this.uniformOpen() * (fn[i - 1]! - fn[i]!) < Math.exp(-0.5 * x * x)) return x;
      const w = this.block.next();
      j = w >> 7;
      i = w & 127;
      if (Math.abs(j) < kn[i]!) return j * wn[i]!;
    }
  }
}

/**
 * Gamma(shape, scale) draws by Marsaglia & Tsang (2000, ACM TOMS 26(3)) on ziggurat normals:
 * d = shape − 1/3, c = 1/√(9d); X = d·v with v = (1 + c·Z)³, accepted when
 * U < 1 − 0.0331·Z⁴ or ln U < Z²/2 + d·(1 − v + ln v); shape < 1 by the boost
 * Gamma(shape + 1)·U^(1/shape).
 */
export class ZigguratGamma {
  private readonly z: ZigguratNormal;
  private readonly block: U32Block;
  private readonly d: number;
  private readonly c: number;
  private readonly boost: number;
  constructor(
    rng: RandomStream,
    shape: number,
    private readonly scale: number,
  ) {
    if (!(shape > 0) || !Number.isFinite(shape)) throw new RangeError(`gamma shape must be a finite number > 0, got ${shape}`);
    this.z = new ZigguratNormal(rng);
    this.block = this.z.block;
    const a = shape < 1 ? shape + 1 : shape;
    this.d = a - 1 / 3;
    this.c = 1 / Math.sqrt(9 * this.d);
    this.boost = shape < 1 ? 1 / shape : 0;
  }
  private uniformOpen(): number {
    for (;;) {
      const u = this.block.uniform();
      if (u > 0) return u;
    }
  }
  next(): number {
    const d = this.d;
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.z.next();
        v = 1 + this.c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniformOpen();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
        const g = d * v;
        return (this.boost === 0 ? g : g * Math.pow(this.uniformOpen(), this.boost)) * this.scale;
      }
    }
  }
}
