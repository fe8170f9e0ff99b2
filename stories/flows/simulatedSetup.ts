import { createRunsClient } from '@runlens/client'
import { createSimulator, type SimulatorOptions } from '@runlens/simulator'
import { QueryClient } from '@tanstack/react-query'

const BASE_URL = 'https://simulator.runlens.invalid/v1'

/**
 * A simulator in the browser and a client over it: the simulator is a fetch handler given to the
 * client, so there is no server and no key. A query client of its own, so that two stories never
 * share a cache.
 */
export function simulatedSetup(options: SimulatorOptions) {
  const simulator = createSimulator(options)
  const fetch = (url: string, init: RequestInit) => simulator.fetch(url, init)
  return {
    simulator,
    client: createRunsClient({ baseURL: BASE_URL, fetch }),
    queryClient: new QueryClient(),
  }
}
