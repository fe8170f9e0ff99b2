import { createPagePromise } from '../pagination.js'
import type { Transport } from '../transport.js'
import type { ListResponse, RunStep, RunStepInclude, StepsResource } from '../types.js'
import { pathParam } from '../validate.js'

/** `include` travels as repeated `include[]` query parameters, never in a body. */
export function includeQuery(include: RunStepInclude[] | undefined): { 'include[]'?: RunStepInclude[] } {
  return include?.length ? { 'include[]': include } : {}
}

export function createSteps(transport: Transport): StepsResource {
  return {
    list(threadId, runId, query = {}, opts) {
      return createPagePromise(async ({ include, ...cursor }) => {
        const path = `/threads/${pathParam('threadId', threadId)}/runs/${pathParam('runId', runId)}/steps`
        const { data } = await transport.json<ListResponse<RunStep>>(
          { method: 'GET', path, query: { ...cursor, ...includeQuery(include) } },
          opts,
        )
        return data
      }, query)
    },
    async retrieve(threadId, runId, stepId, query = {}, opts) {
      const path = `/threads/${pathParam('threadId', threadId)}/runs/${pathParam('runId', runId)}/steps/${pathParam('stepId', stepId)}`
      const { data } = await transport.json<RunStep>(
        { method: 'GET', path, query: includeQuery(query.include) },
        opts,
      )
      return data
    },
  }
}
