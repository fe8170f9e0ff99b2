import { createRunsClient, type FetchLike } from '@runlens/client'
import { apiBase } from './api.js'
import { backend, CUT_AFTER } from './demoSettings.js'

/** The simulator's per-request fault header (see @runlens/simulator). A real server ignores it. */
export const FAULT_HEADER = 'x-runlens-fault'

let armedFault: string | null = null

/**
 * Makes the next streamed create (a run, or a response) carry a fault for the simulator, e.g.
 * `cut-after=12`: the stream then ends early with no terminal event, and the hooks recover (a run by
 * polling, a background response by resuming its stream after the last event it got).
 */
export function armFault(fault: string | null): void {
  armedFault = fault
}

// The creates only: a resumed response stream (GET) or a cancel must not be cut as well.
const isStreamCreate = (url: string, init: RequestInit) =>
  init.method === 'POST' && /\/(threads\/[^/]+\/runs|responses)(\?|$)/.test(url)

const demoFetch: FetchLike = (url, init) => {
  if (armedFault && isStreamCreate(url, init)) {
    const headers = new Headers(init.headers)
    headers.set(FAULT_HEADER, armedFault)
    armedFault = null
    return fetch(url, { ...init, headers })
  }
  return fetch(url, init)
}

/**
 * No key here: the dev server answers /v1 with the simulator, or proxies it to the real server and
 * adds the key on its side.
 */
export const client = createRunsClient({ baseURL: apiBase, fetch: demoFetch })

/** With the "Drop the stream" option on the simulator, the next create's stream is cut. */
export function armDropFault(dropStream: boolean): void {
  armFault(dropStream && backend === 'simulator' ? `cut-after=${CUT_AFTER}` : null)
}
