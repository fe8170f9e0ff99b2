import { createPagePromise, fetchList } from '../pagination.js'
import { pollUntilSettled } from '../poll.js'
import { streamRun } from '../runStream.js'
import type { JsonResponse, Transport, TransportRequest } from '../transport.js'
import type {
  RequestOptions,
  Run,
  RunCreateParams,
  RunSubmitToolOutputsParams,
  RunsResource,
} from '../types.js'
import { checkMetadata, checkToolOutputs } from '../validate.js'
import { runPath, runsPath } from './paths.js'
import { createSteps } from './steps.js'

export function createRuns(transport: Transport): RunsResource {
  const { requestJson, sleep } = transport

  /** `POST /threads/{thread_id}/runs`, its params checked. */
  function createRequest(
    threadId: string,
    { include, ...body }: RunCreateParams,
    options?: RequestOptions,
  ): TransportRequest {
    checkMetadata(body.metadata)
    body.additional_messages?.forEach((message, i) => {
      checkMetadata(message.metadata, `additional_messages[${i}].metadata`)
    })
    // `include` travels as repeated `include[]` query parameters, never in the body.
    return { method: 'POST', path: runsPath(threadId), query: { 'include[]': include }, body, options }
  }

  /** `POST /threads/{thread_id}/runs/{run_id}/submit_tool_outputs`, its params checked. */
  function submitRequest(
    threadId: string,
    runId: string,
    body: RunSubmitToolOutputsParams,
    options?: RequestOptions,
  ): TransportRequest {
    checkToolOutputs(body?.tool_outputs)
    return { method: 'POST', path: `${runPath(threadId, runId)}/submit_tool_outputs`, body, options }
  }

  const retrieveRequest = (threadId: string, runId: string, options?: RequestOptions): TransportRequest => ({
    method: 'GET',
    path: runPath(threadId, runId),
    options,
  })

  // Every method is async (or, for streams, builds its request inside the stream), so that a
  // rejected param arrives as a rejection, never as a synchronous throw.
  const send = async (request: TransportRequest): Promise<Run> => (await requestJson<Run>(request)).data

  /**
   * Polls from a first response until the run settles, retrieving it by the id it was asked
   * for, or (after a create) by the one it got.
   */
  const pollFrom = (
    threadId: string,
    first: Promise<JsonResponse<Run>>,
    opts: RequestOptions | undefined,
    runId?: string,
  ) =>
    pollUntilSettled(
      first,
      (run) => requestJson<Run>(retrieveRequest(threadId, runId ?? run.id, opts)),
      sleep,
      opts,
    )

  return {
    create: async (threadId, body, opts) => send(createRequest(threadId, body, opts)),
    stream: (threadId, body, opts) => streamRun(transport, () => createRequest(threadId, body), opts),
    createAndPoll: async (threadId, body, opts) =>
      pollFrom(threadId, requestJson<Run>(createRequest(threadId, body, opts)), opts),
    retrieve: async (threadId, runId, opts) => send(retrieveRequest(threadId, runId, opts)),
    async update(threadId, runId, body, opts) {
      checkMetadata(body?.metadata)
      return send({ method: 'POST', path: runPath(threadId, runId), body, options: opts })
    },
    list: (threadId, query = {}, opts) =>
      createPagePromise(
        (pageQuery) => fetchList<Run>(transport, runsPath(threadId), { ...pageQuery }, opts),
        query,
      ),
    cancel: async (threadId, runId, opts) =>
      send({ method: 'POST', path: `${runPath(threadId, runId)}/cancel`, options: opts }),
    submitToolOutputs: async (threadId, runId, body, opts) =>
      send(submitRequest(threadId, runId, body, opts)),
    submitToolOutputsStream: (threadId, runId, body, opts) =>
      streamRun(transport, () => submitRequest(threadId, runId, body), opts),
    submitToolOutputsAndPoll: async (threadId, runId, body, opts) =>
      pollFrom(threadId, requestJson<Run>(submitRequest(threadId, runId, body, opts)), opts, runId),
    poll: async (threadId, runId, opts) =>
      pollFrom(threadId, requestJson<Run>(retrieveRequest(threadId, runId, opts)), opts, runId),
    steps: createSteps(transport),
  }
}
