/** Small helpers for the immutable records the state is made of. */

/** `record` without `key`; the same object when the key is absent (so nothing re-renders). */
export function without<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  if (!(key in record)) return record as Record<string, T>;
  const copy = { ...record };
  delete copy[key];
  return copy;
}
