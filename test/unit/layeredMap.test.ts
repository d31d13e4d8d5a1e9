// LayeredMap (the model's title and paper indexes between versions) must read exactly like a plain map with the same
// changes applied, across many versions: through layers, removals of base keys and the folding of a grown layer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LayeredMap } from '../../server/src/model/layeredMap';
import { rng } from '../../bench/generate';

test('a LayeredMap reads like a plain map after seeded random changes, folds included', () => {
  const random = rng(21);
  const plain = new Map<string, number>();
  for (let i = 0; i < 600; i++) plain.set(`k${i}`, i);
  let layered = LayeredMap.of(new Map(plain));
  const earlier: { map: LayeredMap<string, number>; expected: [string, number][] }[] = [];
  for (let version = 0; version < 400; version++) {
    const changes = new Map<string, number | undefined>();
    for (let c = Math.floor(random() * 12); c >= 0; c--) {
      const key = `k${Math.floor(random() * 1200)}`;
      const value = random() < 0.3 ? undefined : version * 1000 + c;
      changes.set(key, value);
    }
    for (const [key, value] of changes) {
      if (value === undefined) plain.delete(key);
      else plain.set(key, value);
    }
    layered = layered.with(changes);
    const sorted = (entries: Iterable<[string, number]>) => [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    assert.deepEqual(sorted(layered), sorted(plain), `entries after version ${version}`);
    assert.equal(layered.size, plain.size, `size after version ${version}`);
    for (let probe = 0; probe < 20; probe++) {
      const key = `k${Math.floor(random() * 1200)}`;
      assert.equal(layered.get(key), plain.get(key), `get(${key}) after version ${version}`);
      assert.equal(layered.has(key), plain.has(key), `has(${key}) after version ${version}`);
    }
    if (version % 50 === 0) earlier.push({ map: layered, expected: sorted(plain) });
  }
  // Later versions never change an earlier one (the model's old versions stay readable).
  for (const { map, expected } of earlier)
    assert.deepEqual(
      [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      expected,
    );
});
