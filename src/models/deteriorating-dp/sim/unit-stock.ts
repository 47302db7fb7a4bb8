/**
 * The units in stock during a replay, each with its own expiry time: sold first-in first-out
 * (production order), expired in order of expiry. Units are numbered in production order; a FIFO
 * head finds the oldest unit alive, a lazy binary min-heap on expiry the next unit to decay
 * (dead units are dropped from the heap when they reach its top). Arrays double as needed.
 */
export class UnitStock {
  /** good units in stock */
  stock = 0;
  private capacity = 1024;
  private expiry = new Float64Array(this.capacity);
  private alive = new Uint8Array(this.capacity);
  private heap = new Int32Array(this.capacity);
  private heapSize = 0;
  private nUnits = 0;
  private head = 0;

  /** A new unit that expires at `expiry` (Infinity: never). */
  add(expiry: number): void {
    if (this.nUnits === this.capacity) this.grow();
    const u = this.nUnits++;
    this.expiry[u] = expiry;
    this.alive[u] = 1;
    this.heapPush(u);
    this.stock++;
  }

  /** Expiry time of the next unit alive to decay (Infinity when none). */
  nextExpiry(): number {
    const { heap, alive } = this;
    while (this.heapSize > 0 && alive[heap[0]!] === 0) this.heapPop();
    return this.heapSize > 0 ? this.expiry[heap[0]!]! : Infinity;
  }

  /** Remove the unit that decays next (call after nextExpiry() returned its time). */
  expireNext(): void {
    const u = this.heapPop();
    this.alive[u] = 0;
    this.stock--;
  }

  /** Remove the oldest unit alive (a sale; stock must be > 0). */
  sellOldest(): void {
    while (this.alive[this.head] === 0) this.head++;
    this.alive[this.head] = 0;
    this.stock--;
  }

  private heapPush(u: number): void {
    const { heap, expiry } = this;
    let q = this.heapSize++;
    heap[q] = u;
    while (q > 0) {
      const parent = (q - 1) >> 1;
      if (expiry[heap[parent]!]! <= expiry[heap[q]!]!) break;
      const tmp = heap[parent]!;
      heap[parent] = heap[q]!;
      heap[q] = tmp;
      q = parent;
    }
  }

  private heapPop(): number {
    const { heap, expiry } = this;
    const top = heap[0]!;
    const size = --this.heapSize;
    if (size > 0) {
      heap[0] = heap[size]!;
      let q = 0;
      for (;;) {
        const l = 2 * q + 1;
        const r = l + 1;
        let m = q;
        if (l < size && expiry[heap[l]!]! < expiry[heap[m]!]!) m = l;
        if (r < size && expiry[heap[r]!]! < expiry[heap[m]!]!) m = r;
        if (m === q) break;
        const tmp = heap[m]!;
        heap[m] = heap[q]!;
        heap[q] = tmp;
        q = m;
      }
    }
    return top;
  }

  private grow(): void {
    this.capacity *= 2;
    const e = new Float64Array(this.capacity);
    e.set(this.expiry);
    this.expiry = e;
    const a = new Uint8Array(this.capacity);
    a.set(this.alive);
    this.alive = a;
    const h = new Int32Array(this.capacity);
    h.set(this.heap);
    this.heap = h;
  }
}
