import { RunsProvider, type RunsProviderProps } from '@runlens/react'
import { QueryClient } from '@tanstack/react-query'
import { act } from '@testing-library/react'
import { type ReactElement, type ReactNode, StrictMode } from 'react'
import { createSimHarness, type HarnessOptions, type SimHarness } from './sim.js'

export {
  createPace,
  createPacedSimulator,
  type HarnessOptions,
  type Pace,
  type RecordedRequest,
  serverText,
} from './sim.js'

export type WrapOptions = { strict?: boolean } & Partial<Omit<RunsProviderProps, 'children'>>

export interface Harness extends SimHarness {
  queryClient: QueryClient
  /** `node` inside this harness's provider (and StrictMode unless `strict: false`). */
  wrap(node: ReactNode, options?: WrapOptions): ReactElement
}

function HarnessProvider({ children, ...props }: Omit<WrapOptions, 'strict'> & RunsProviderProps) {
  return <RunsProvider {...props}>{children}</RunsProvider>
}

export function createHarness(options: HarnessOptions = {}): Harness {
  const h = createSimHarness(options)
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, gcTime: Number.POSITIVE_INFINITY } },
  })
  return {
    ...h,
    queryClient,
    wrap(node, { strict = true, ...wrapOptions } = {}) {
      const tree = (
        <HarnessProvider
          client={h.client}
          queryClient={queryClient}
          // A recovering session's wait lets the simulator move a few ticks: no real time passes.
          sleep={() => h.pace.step(3)}
          {...wrapOptions}
        >
          {node}
        </HarnessProvider>
      )
      // StrictMode as the root element: when a component renders it (as this provider once did),
      // React 19 skips the double effects of the tree's first mount, which are the point of it.
      return strict ? <StrictMode>{tree}</StrictMode> : tree
    },
  }
}

/**
 * Steps the simulator one tick at a time (each inside act) until `done()`, then lets everything
 * pending finish. Throws when `done()` still fails after `rounds` steps: a test that went on from
 * there would check a state it never reached.
 */
export async function until(h: Harness, done: () => boolean, rounds = 400): Promise<void> {
  for (let i = 0; i < rounds && !done(); i++) {
    await act(async () => {
      await h.pace.step(1)
    })
  }
  if (!done()) throw new Error(`until: condition not met after ${rounds} rounds`)
  await act(async () => {
    await h.pace.run()
  })
}
