// node:assert/strict for the web worker extension host, which has no Node: build-suite.mjs maps the import here in the
// web bundle only, so the same tests assert the same way in both hosts. Only what the suite uses, with strict semantics.

export class AssertionError extends Error {
  override name = 'AssertionError';
}

function show(value: unknown): string {
  try {
    return typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    return String(value);
  }
}

function fail(message: string | Error | undefined, fallback: string): never {
  if (message instanceof Error) throw message;
  throw new AssertionError(message ?? fallback);
}

export function ok(value: unknown, message?: string | Error): asserts value {
  if (!value) fail(message, `Expected a truthy value, got ${show(value)}`);
}

export function equal<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T {
  if (!Object.is(actual, expected)) fail(message, `Expected values to be strictly equal:\n${show(actual)} !== ${show(expected)}`);
}

export function notEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (Object.is(actual, expected)) fail(message, `Expected "actual" to be strictly unequal to: ${show(expected)}`);
}

function deepEqualValues(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a instanceof RegExp && b instanceof RegExp) return String(a) === String(b);
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every(
    (k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqualValues((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

export function deepEqual<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T {
  if (!deepEqualValues(actual, expected)) fail(message, `Expected values to be strictly deep-equal:\n${show(actual)}\nshould equal\n${show(expected)}`);
}

export function match(value: string, pattern: RegExp, message?: string | Error): void {
  if (typeof value !== 'string' || !pattern.test(value))
    fail(message, `The input did not match the regular expression ${String(pattern)}. Input: ${show(value)}`);
}
