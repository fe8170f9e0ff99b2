import { createPagePromise, fetchList } from '../pagination.js'
import { pollResponse, retrieveRequest, streamResponse } from '../responseStream.js'
import type {
  InputItem,
  Response as ModelResponse,
  ResponseCreateParams,
  ResponseDeleted,
  ResponsesResource,
} from '../responseTypes.js'
import type { Transport, TransportRequest } from '../transport.js'
import type { RequestOptions } from '../types.js'
import { checkMetadata } from '../validate.js'
import { responsePath } from './paths.js'

/**
 * The Responses API: `client.responses`. Its requests go without `OpenAI-Beta: assistants=v2`,
 * with the client's retries, timeouts and errors, and an `Idempotency-Key` on every write. There
 * is no list of responses to find a create whose answer was lost: the key is what keeps a retried
 * create from making a second response.
 */
export function createResponses(transport: Transport): ResponsesResource {
  const { requestJson } = transport

  function createRequest(body: ResponseCreateParams, options?: RequestOptions): TransportRequest {
    checkMetadata(body?.metadata)
    return { method: 'POST', path: '/responses', body, assistantsBeta: false, options }
  }

  // Every method is async (the streams build their request inside the stream), so that a
  // rejected param arrives as a rejection, never as a synchronous throw.
  const send = async <T>(request: TransportRequest): Promise<T> => (await requestJson<T>(request)).data

  return {
    create: async (body, opts) => send<ModelResponse>(createRequest(body, opts)),
    stream: (body, opts) =>
      streamResponse(transport, () => ({ ...createRequest(body), stream: true }), opts, {
        include_obfuscation: body?.stream_options?.include_obfuscation ?? undefined,
      }),
    resume: (responseId, query = {}, opts) => {
      const { starting_after, ...resumeQuery } = query
      return streamResponse(
        transport,
        () => retrieveRequest(responseId, { ...resumeQuery, starting_after }, undefined, true),
        opts,
        resumeQuery,
        { responseId, startingAfter: starting_after },
      )
    },
    retrieve: async (responseId, query, opts) =>
      send<ModelResponse>(retrieveRequest(responseId, query, opts)),
    poll: async (responseId, opts) => pollResponse(transport, responseId, opts),
    cancel: async (responseId, opts) =>
      send<ModelResponse>({
        method: 'POST',
        path: `${responsePath(responseId)}/cancel`,
        assistantsBeta: false,
        options: opts,
      }),
    delete: async (responseId, opts) =>
      send<ResponseDeleted>({
        method: 'DELETE',
        path: responsePath(responseId),
        assistantsBeta: false,
        options: opts,
      }),
    inputItems: {
      list: (responseId, query = {}, opts) =>
        createPagePromise(
          (pageQuery) =>
            fetchList<InputItem>(
              transport,
              `${responsePath(responseId)}/input_items`,
              { ...pageQuery },
              opts,
              false,
            ),
          query,
        ),
    },
  }
}
