/**
 * Tokens whose signature this instance has already checked, each until its `exp`. Bounded:
 * past `max` entries the oldest is forgotten (its next request checks the signature again).
 * Only tokens that verified get in, so a client cannot fill it with garbage; what it holds
 * is public anyway (the client sent it), and it says nothing of revocation, which the
 * database answers on every request.
 */
export class VerifiedTokens<V> {
  private readonly entries = new Map<string, { value: V; exp: number }>();

  constructor(private readonly max: number) {}

  /** The value remembered for `token`, if it has not expired at `nowSeconds`. */
  get(token: string, nowSeconds: number): V | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.exp > nowSeconds) return entry.value;
    this.entries.delete(token);
    return undefined;
  }

  set(token: string, value: V, exp: number): void {
    if (this.entries.size >= this.max) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(token, { value, exp });
  }

  get size(): number {
    return this.entries.size;
  }
}
