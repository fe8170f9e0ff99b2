import { createPagePromise, fetchList } from '../pagination.js'
import type { Transport } from '../transport.js'
import type { RunStep, StepsResource } from '../types.js'
import { stepPath, stepsPath } from './paths.js'

/** A run's steps. `include` travels as repeated `include[]` query parameters, never in a body. */
export function createSteps(transport: Transport): StepsResource {
  return {
    list: (threadId, runId, { include, ...query } = {}, opts) =>
      createPagePromise(
        (pageQuery) =>
          fetchList<RunStep>(
            transport,
            stepsPath(threadId, runId),
            { ...pageQuery, 'include[]': include },
            opts,
          ),
        query,
      ),
    async retrieve(threadId, runId, stepId, query, opts) {
      const { data } = await transport.requestJson<RunStep>({
        method: 'GET',
        path: stepPath(threadId, runId, stepId),
        query: { 'include[]': query?.include },
        options: opts,
      })
      return data
    },
  }
}
