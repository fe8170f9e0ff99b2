// Readers for server data. The wire types say what a field should hold; a proxy, an older or newer
// server or a hand-built fixture may send something else. The components read every field they
// show through these, so a field of the wrong shape is shown as missing instead of throwing while
// React renders (which would unmount the host page).

/** A plain object: not null, not an array (as the client's isObject). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The value if it is a string, else null. */
export function readString(value: unknown): string | null {
  return typeof value === 'string' ? value : null
}

/** The value if it is a finite number (a count, a Unix time), else null. */
export function readNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

/** The value if it is an array, else null (callers say "could not read" rather than "none"). */
export function readArray(value: unknown): readonly unknown[] | null {
  return Array.isArray(value) ? value : null
}

/** The value if it is a plain object, else null. */
export function readObject(value: unknown): Record<string, unknown> | null {
  return isObject(value) ? value : null
}

/** The value if it is a Unix time in seconds that a Date can hold (else `toISOString` throws), else null. */
export function readUnixTime(value: unknown): number | null {
  const seconds = readNumber(value)
  return seconds !== null && Math.abs(seconds) <= 8.64e12 ? seconds : null
}
