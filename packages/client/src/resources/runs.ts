import { createPagePromise } from '../pagination.js'
import { pollUntilSettled } from '../poll.js'
import { createRunStream } from '../runStream.js'
import type { JsonResult, Transport } from '../transport.js'
import type {
  QueryRecord,
  RequestOptions,
  Run,
  RunCreateParams,
  RunSubmitToolOutputsParams,
  RunsResource,
} from '../types.js'
import { checkMetadata, checkToolOutputs, pathParam } from '../validate.js'
import { createSteps } from './steps.js'

/** A POST of create or submit_tool_outputs, its params checked: path, body and query. */
type Post = [path: string, body?: object, query?: QueryRecord]

export function createRuns([send, json, sleep]: Transport): RunsResource {
  const runsPath = (threadId: string) => `/threads/${pathParam('threadId', threadId)}/runs`
  const runPath = (threadId: string, runId: string) => `${runsPath(threadId)}/${pathParam('runId', runId)}`
  const get = <T>(path: string, opts?: RequestOptions, query?: QueryRecord) =>
    json<T>('GET', path, opts, query)
  const post = ([path, body, query]: Post, opts?: RequestOptions) =>
    json<Run>('POST', path, opts, query, body)
  // The methods are async so that a rejected param is a rejection, never a synchronous throw.
  const data = async <T>(result: Promise<JsonResult<T>>) => (await result)[0]

  function created(threadId: string, { include, ...body }: RunCreateParams): Post {
    checkMetadata(body.metadata)
    body.additional_messages?.forEach((message, i) => {
      checkMetadata(message.metadata, `additional_messages[${i}].metadata`)
    })
    // `include` travels as repeated `include[]` query parameters, never in the body.
    return [runsPath(threadId), body, { 'include[]': include }]
  }

  function submitted(threadId: string, runId: string, body: RunSubmitToolOutputsParams): Post {
    checkToolOutputs(body?.tool_outputs)
    return [`${runPath(threadId, runId)}/submit_tool_outputs`, body]
  }

  const stream = (request: () => Post, opts?: RequestOptions) =>
    createRunStream(async (signal) => {
      const [path, body, query] = request()
      return send('POST', path, { ...opts, signal }, query, { ...body, stream: true })
    }, opts?.signal)

  // Retrieves the polled run by the id it was asked for, or (after a create) by the one it got.
  const settle = (threadId: string, first: Promise<JsonResult<Run>>, opts?: RequestOptions, runId?: string) =>
    pollUntilSettled(first, (run) => get(runPath(threadId, runId ?? run.id), opts), sleep, opts)

  return {
    create: async (threadId, body, opts) => data(post(created(threadId, body), opts)),
    stream: (threadId, body, opts) => stream(() => created(threadId, body), opts),
    createAndPoll: async (threadId, body, opts) =>
      settle(threadId, post(created(threadId, body), opts), opts),
    retrieve: async (threadId, runId, opts) => data(get<Run>(runPath(threadId, runId), opts)),
    async update(threadId, runId, body, opts) {
      checkMetadata(body?.metadata)
      return data(post([runPath(threadId, runId), body], opts))
    },
    list: (threadId, query = {}, opts) =>
      createPagePromise((cursor) => get(runsPath(threadId), opts, { ...cursor }), query),
    cancel: async (threadId, runId, opts) => data(post([`${runPath(threadId, runId)}/cancel`], opts)),
    submitToolOutputs: async (threadId, runId, body, opts) =>
      data(post(submitted(threadId, runId, body), opts)),
    submitToolOutputsStream: (threadId, runId, body, opts) =>
      stream(() => submitted(threadId, runId, body), opts),
    submitToolOutputsAndPoll: async (threadId, runId, body, opts) =>
      settle(threadId, post(submitted(threadId, runId, body), opts), opts, runId),
    poll: async (threadId, runId, opts) => settle(threadId, get(runPath(threadId, runId), opts), opts, runId),
    steps: createSteps(get, runPath),
  }
}
