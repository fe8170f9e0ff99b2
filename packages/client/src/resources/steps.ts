import { createPagePromise } from '../pagination.js'
import type { JsonResult } from '../transport.js'
import type { QueryRecord, RequestOptions, RunStep, StepsResource } from '../types.js'
import { pathParam } from '../validate.js'

type Get = <T>(path: string, opts?: RequestOptions, query?: QueryRecord) => Promise<JsonResult<T>>

/** `include` travels as repeated `include[]` query parameters, never in a body. */
export function createSteps(get: Get, runPath: (threadId: string, runId: string) => string): StepsResource {
  const stepsPath = (threadId: string, runId: string) => `${runPath(threadId, runId)}/steps`
  return {
    list: (threadId, runId, { include, ...query } = {}, opts) =>
      createPagePromise(
        (cursor) => get(stepsPath(threadId, runId), opts, { ...cursor, 'include[]': include }),
        query,
      ),
    async retrieve(threadId, runId, stepId, query, opts) {
      const path = `${stepsPath(threadId, runId)}/${pathParam('stepId', stepId)}`
      return (await get<RunStep>(path, opts, { 'include[]': query?.include }))[0]
    },
  }
}
