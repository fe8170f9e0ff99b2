import { createPagePromise } from '../pagination.js'
import { pollUntilSettled } from '../poll.js'
import { createRunStream } from '../runStream.js'
import type { HttpRequest, Transport } from '../transport.js'
import type {
  ListResponse,
  RequestOptions,
  Run,
  RunCreateParams,
  RunSubmitToolOutputsParams,
  RunsResource,
} from '../types.js'
import { checkMetadata, checkToolOutputs, pathParam } from '../validate.js'
import { createSteps, includeQuery } from './steps.js'

export function createRuns(transport: Transport): RunsResource {
  const runsPath = (threadId: string) => `/threads/${pathParam('threadId', threadId)}/runs`
  const runPath = (threadId: string, runId: string) => `${runsPath(threadId)}/${pathParam('runId', runId)}`
  const fetchRun = (request: HttpRequest, opts?: RequestOptions) => transport.json<Run>(request, opts)

  function createRequest(threadId: string, params: RunCreateParams, stream: boolean): HttpRequest {
    const { include, ...body } = params
    checkMetadata(body.metadata)
    body.additional_messages?.forEach((message, i) => {
      checkMetadata(message.metadata, `additional_messages[${i}].metadata`)
    })
    return {
      method: 'POST',
      path: runsPath(threadId),
      query: includeQuery(include),
      body: stream ? { ...body, stream } : body,
      stream,
    }
  }

  function submitRequest(
    threadId: string,
    runId: string,
    params: RunSubmitToolOutputsParams,
    stream: boolean,
  ): HttpRequest {
    const path = `${runPath(threadId, runId)}/submit_tool_outputs`
    checkToolOutputs(params?.tool_outputs)
    return { method: 'POST', path, body: stream ? { ...params, stream } : params, stream }
  }

  // Pollers check their ids before the first request, then retrieve with the same options.
  const retriever = (threadId: string, runId: string, opts?: RequestOptions) => {
    const path = runPath(threadId, runId)
    return () => fetchRun({ method: 'GET', path }, opts)
  }

  const runs: RunsResource = {
    async create(threadId, body, opts) {
      return (await fetchRun(createRequest(threadId, body, false), opts)).data
    },
    stream(threadId, body, opts) {
      return createRunStream(
        async (signal) => transport.send(createRequest(threadId, body, true), { ...opts, signal }),
        opts?.signal,
      )
    },
    async createAndPoll(threadId, body, opts) {
      const created = fetchRun(createRequest(threadId, body, false), opts)
      return pollUntilSettled(
        created,
        async () => retriever(threadId, (await created).data.id, opts)(),
        transport.sleep,
        opts,
      )
    },
    async retrieve(threadId, runId, opts) {
      return (await fetchRun({ method: 'GET', path: runPath(threadId, runId) }, opts)).data
    },
    async update(threadId, runId, body, opts) {
      checkMetadata(body?.metadata)
      return (await fetchRun({ method: 'POST', path: runPath(threadId, runId), body }, opts)).data
    },
    list(threadId, query = {}, opts) {
      return createPagePromise(async (cursor) => {
        const request: HttpRequest = { method: 'GET', path: runsPath(threadId), query: { ...cursor } }
        return (await transport.json<ListResponse<Run>>(request, opts)).data
      }, query)
    },
    async cancel(threadId, runId, opts) {
      return (await fetchRun({ method: 'POST', path: `${runPath(threadId, runId)}/cancel` }, opts)).data
    },
    async submitToolOutputs(threadId, runId, body, opts) {
      return (await fetchRun(submitRequest(threadId, runId, body, false), opts)).data
    },
    submitToolOutputsStream(threadId, runId, body, opts) {
      return createRunStream(
        async (signal) => transport.send(submitRequest(threadId, runId, body, true), { ...opts, signal }),
        opts?.signal,
      )
    },
    async submitToolOutputsAndPoll(threadId, runId, body, opts) {
      const retrieve = retriever(threadId, runId, opts)
      return pollUntilSettled(
        fetchRun(submitRequest(threadId, runId, body, false), opts),
        retrieve,
        transport.sleep,
        opts,
      )
    },
    async poll(threadId, runId, opts) {
      const retrieve = retriever(threadId, runId, opts)
      return pollUntilSettled(retrieve(), retrieve, transport.sleep, opts)
    },
    steps: createSteps(transport),
  }
  return runs
}
