import { createRunsClient, type FetchLike } from '@runlens/client'
import { apiBase } from './api.js'

/** The simulator's per-request fault header (see @runlens/simulator). A real server ignores it. */
export const FAULT_HEADER = 'x-runlens-fault'

let armedFault: string | null = null

/**
 * Makes the next run-creating stream request carry a fault for the simulator, e.g. `cut-after=12`:
 * the stream then ends early with no terminal event, and the hooks recover by polling.
 */
export function armFault(fault: string | null): void {
  armedFault = fault
}

const isRunCreate = (url: string, init: RequestInit) =>
  init.method === 'POST' && /\/threads\/[^/]+\/runs(\?|$)/.test(url)

const demoFetch: FetchLike = (url, init) => {
  if (armedFault && isRunCreate(url, init)) {
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
