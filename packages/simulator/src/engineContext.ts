import type { Random } from './random.js'

/** The data of a stream's `event: error`: `{ error: {...} }` as servers send it, or the bare object. */
export type ErrorEventShape = 'wrapped' | 'bare'

/** What the run engine needs from the simulator: time, randomness and pacing, all injectable. */
export interface EngineContext {
  /** Milliseconds since the epoch. */
  now(): number
  sleep(ms: number): Promise<void>
  /** A sleep for background timers (expiry) that must not keep a Node process alive. */
  sleepDetached(ms: number): Promise<void>
  random: Random
  tokenDelayMs: number
  /** Overrides every scenario's expiry, in ms after creation; null: the scenario's own. */
  expiresAfterMs: number | null
  errorEventShape: ErrorEventShape
  /** Bumped by reset(): drivers of an older generation stop at their next pause. */
  generation(): number
}

/** Unix seconds, as every timestamp of the API is. */
export const seconds = (ctx: EngineContext): number => Math.floor(ctx.now() / 1000)
