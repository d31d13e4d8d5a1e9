// A read-only map made of a shared base and a small layer of changed keys: the next version of an index with a few
// keys changed costs the changes, not a copy of every key. The layer is folded into a new base once it grows.

/**
 * Layers past this many keys, or past a sixteenth of the base, are folded into a new base (a full copy, once every so
 * many edits); each version copies its layer. Growing with the base keeps both costs per edit small: an edit inside a
 * week changes all of its rows' keys (~60), so a fixed bound folded a 10 MB list's 13,000 titles every other edit.
 */
const MIN_FOLDED_LAYER = 128;
const BASE_PER_LAYER_KEY = 16;

export class LayeredMap<K, V> implements ReadonlyMap<K, V> {
  readonly size: number;

  private constructor(
    private readonly base: ReadonlyMap<K, V>,
    /** Changed keys; undefined marks a key removed from the base. */
    private readonly layer: ReadonlyMap<K, V | undefined>,
    size: number,
  ) {
    this.size = size;
  }

  static of<K, V>(map: ReadonlyMap<K, V>): LayeredMap<K, V> {
    return map instanceof LayeredMap ? map : new LayeredMap(map, new Map(), map.size);
  }

  /** This map with `changes` applied (undefined: remove the key). */
  with(changes: ReadonlyMap<K, V | undefined>): LayeredMap<K, V> {
    if (changes.size === 0) return this;
    // Copied and changed with forEach: `new Map(map)` and for-of allocate a pair per entry, and this runs on every edit.
    const layer = new Map<K, V | undefined>();
    this.layer.forEach((value, key) => layer.set(key, value));
    let size = this.size;
    changes.forEach((value, key) => {
      size += (value !== undefined ? 1 : 0) - (this.has(key) ? 1 : 0);
      layer.set(key, value);
    });
    const next = new LayeredMap(this.base, layer, size);
    if (layer.size <= Math.max(MIN_FOLDED_LAYER, this.base.size / BASE_PER_LAYER_KEY)) return next;
    // A native copy of the base, then the layer: the entries' order is the iteration's, at a fraction of the cost of
    // iterating (a 10 MB list's titles fold 13,000 keys every dozen edits).
    const flat = new Map<K, V>(this.base);
    layer.forEach((value, key) => {
      if (value === undefined) flat.delete(key);
      else flat.set(key, value);
    });
    return new LayeredMap(flat, new Map(), flat.size);
  }

  /** The keys whose values may differ between two maps, when both are layers over one base; else undefined (compare all). */
  static differingKeys<K, V>(a: ReadonlyMap<K, V>, b: ReadonlyMap<K, V>): Iterable<K> | undefined {
    if (!(a instanceof LayeredMap && b instanceof LayeredMap) || a.base !== b.base) return undefined;
    return new Set([...a.layer.keys(), ...b.layer.keys()]);
  }

  get(key: K): V | undefined {
    return this.layer.has(key) ? this.layer.get(key) : this.base.get(key);
  }

  has(key: K): boolean {
    return this.layer.has(key) ? this.layer.get(key) !== undefined : this.base.has(key);
  }

  *entries(): MapIterator<[K, V]> {
    for (const entry of this.base) {
      if (!this.layer.has(entry[0])) yield entry;
      else {
        const value = this.layer.get(entry[0]);
        if (value !== undefined) yield [entry[0], value];
      }
    }
    for (const [key, value] of this.layer) if (value !== undefined && !this.base.has(key)) yield [key, value];
  }

  *keys(): MapIterator<K> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }
}
