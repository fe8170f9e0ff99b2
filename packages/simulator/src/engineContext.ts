import type { Random } from './random.js'

/** What the run engine needs from the simulator: time, randomness and pacing, all injectable. */
export interface EngineContext {
  /** Milliseconds since the epoch. */
  now(): number
  sleep(ms: number): Promise<void>
  /** A sleep for background timers (expiry) that must not keep a Node process alive. */
  sleepDetached(ms: number): Promise<void>
  random: Random
  tokenDelayMs: number
  /** Bumped by reset(): drivers of an older generation stop at their next pause. */
  generation(): number
}

/** Unix seconds, as every timestamp of the API is. */
export const seconds = (ctx: EngineContext): number => Math.floor(ctx.now() / 1000)
