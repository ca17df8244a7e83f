/**
 * @module evaluate/context
 * The request context as layers looked up in order: keys the caller gave (taken as given), keys
 * derived from this request, keys computed on demand (time), then the precomputed principal and
 * key layers. Building one per request allocates one small object, not a map of every key.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html (request context)
 */
import type { ContextValue, RequestContext } from '../model/request.js';

/** Computes a key on demand (e.g. aws:CurrentTime); returns undefined when the key is not derived. */
export type DynamicKeys = (key: string) => ContextValue | undefined;

/** An empty layer, shared. */
export const EMPTY_LAYER: ReadonlyMap<string, ContextValue> = new Map();

/** A read-only context made of layers; the first layer holding a key wins. */
export class LayeredContext implements RequestContext {
  constructor(
    private readonly given: ReadonlyMap<string, ContextValue>,
    private readonly request: ReadonlyMap<string, ContextValue>,
    private readonly dynamic: DynamicKeys | undefined,
    private readonly principal: ReadonlyMap<string, ContextValue>,
    private readonly key: ReadonlyMap<string, ContextValue>,
  ) {}

  /** The value of a case-folded key, or undefined when absent. */
  get(k: string): ContextValue | undefined {
    const g = this.given.get(k);
    if (g !== undefined) return g;
    const r = this.request.get(k) ?? this.principal.get(k) ?? this.key.get(k);
    // Computed keys never appear in the principal or key layers, so asking them last is the same.
    return r !== undefined || this.dynamic === undefined ? r : this.dynamic(k);
  }

  /** Whether the key is present. */
  has(k: string): boolean {
    return this.get(k) !== undefined;
  }

  /** Every static entry, first layer winning (dynamic keys are not listed). */
  private merged(): Map<string, ContextValue> {
    const m = new Map<string, ContextValue>();
    for (const layer of [this.key, this.principal, this.request, this.given]) for (const [k, v] of layer) m.set(k, v);
    return m;
  }

  get size(): number {
    return this.merged().size;
  }

  /** Iterates the merged static entries. */
  forEach(cb: (value: ContextValue, key: string, map: ReadonlyMap<string, ContextValue>) => void): void {
    for (const [k, v] of this.merged()) cb(v, k, this);
  }

  /** Entries of the merged static layers. */
  entries(): MapIterator<[string, ContextValue]> {
    return this.merged().entries();
  }

  /** Keys of the merged static layers. */
  keys(): MapIterator<string> {
    return this.merged().keys();
  }

  /** Values of the merged static layers. */
  values(): MapIterator<ContextValue> {
    return this.merged().values();
  }

  [Symbol.iterator](): MapIterator<[string, ContextValue]> {
    return this.entries();
  }
}
