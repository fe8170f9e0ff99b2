import type { EngineContext } from './engineContext.js'

/**
 * The wait before each streamed token, for runs and responses alike: the token delay on the
 * injectable sleep, or, when it is 0, one turn of the microtask queue, which lets other requests
 * interleave without spending any time.
 */
export function tokenPause(ctx: EngineContext, delayMs: number): Promise<void> {
  return delayMs > 0 ? ctx.sleep(delayMs) : Promise.resolve()
}
