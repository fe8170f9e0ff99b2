/** A small seeded random source: the same seed gives the same ids, scores and fault draws. */
export interface Random {
  /** A float in [0, 1). */
  next(): number
  /** An id like the real API's: `prefix_` and 24 base62 characters. */
  id(prefix: string): string
  /** `count` lowercase hex characters. */
  hex(count: number): string
}

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** Folds a string or number seed into 32 bits (FNV-1a), so any seed a user types works. */
function hashSeed(seed: number | string): number {
  const text = String(seed)
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/**
 * mulberry32: tiny, fast and good enough for test data. Not crypto, on purpose: ids must repeat
 * across runs with the same seed, and the browser build must not need `crypto`.
 */
export function createRandom(seed: number | string, stream = ''): Random {
  let state = hashSeed(`${seed}:${stream}`)
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const chars = (alphabet: string, count: number): string => {
    let out = ''
    for (let i = 0; i < count; i++) out += alphabet[Math.floor(next() * alphabet.length)]
    return out
  }
  return {
    next,
    id: (prefix) => `${prefix}_${chars(BASE62, 24)}`,
    hex: (count) => chars('0123456789abcdef', count),
  }
}
