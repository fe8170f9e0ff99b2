import { describe, expectTypeOf, it } from 'vitest'
import type {
  AssistantStreamEvent,
  CursorPage,
  ErrorObject,
  InputItem,
  Message,
  MessageDelta,
  MessageListParams,
  Response as ModelResponse,
  PagePromise,
  RequestOptions,
  ResponseCreateParams,
  ResponseDeleted,
  ResponseSnapshot,
  ResponseSnapshotError,
  ResponseStream,
  ResponseStreamEvent,
  Run,
  RunSnapshot,
  RunStatus,
  RunStep,
  RunStepDelta,
  RunStream,
  Thread,
  ThreadCreateAndRunParams,
  ThreadCreateParams,
  ThreadDeleted,
} from '../src/index.js'
import {
  type APIConnectionError,
  type APIError,
  type APITimeoutError,
  type APIUserAbortError,
  applyResponseEvent,
  applyRunEvent,
  createRunsClient,
  emptyResponseSnapshot,
  emptyRunSnapshot,
  type InvalidParamError,
  isPollingStatus,
  isTerminalStatus,
  pollDelay,
  type StreamError,
} from '../src/index.js'

const client = createRunsClient({ baseURL: 'http://x/v1', fetch: async () => new Response('{}') })

describe('public types', () => {
  it('the methods return what the client README documents', () => {
    expectTypeOf(client.runs.create).returns.toEqualTypeOf<Promise<Run>>()
    expectTypeOf(client.runs.stream).returns.toEqualTypeOf<RunStream>()
    expectTypeOf(client.runs.createAndPoll).returns.toEqualTypeOf<Promise<Run>>()
    expectTypeOf(client.runs.retrieve).returns.toEqualTypeOf<Promise<Run>>()
    expectTypeOf(client.runs.update).returns.toEqualTypeOf<Promise<Run>>()
    expectTypeOf(client.runs.list).returns.toEqualTypeOf<PagePromise<Run>>()
    expectTypeOf(client.runs.cancel).returns.toEqualTypeOf<Promise<Run>>()
    expectTypeOf(client.runs.submitToolOutputs).returns.toEqualTypeOf<Promise<Run>>()
    expectTypeOf(client.runs.submitToolOutputsStream).returns.toEqualTypeOf<RunStream>()
    expectTypeOf(client.runs.submitToolOutputsAndPoll).returns.toEqualTypeOf<Promise<Run>>()
    expectTypeOf(client.runs.poll).returns.toEqualTypeOf<Promise<Run>>()
    expectTypeOf(client.runs.steps.list).returns.toEqualTypeOf<PagePromise<RunStep>>()
    expectTypeOf(client.runs.steps.retrieve).returns.toEqualTypeOf<Promise<RunStep>>()
    expectTypeOf(client.runs.create).parameter(0).toEqualTypeOf<string>()
  })

  it('a PagePromise is awaited as a CursorPage and iterated as items', () => {
    const promise = client.runs.list('t')
    expectTypeOf(promise).resolves.toEqualTypeOf<CursorPage<Run>>()
    expectTypeOf(promise).toMatchTypeOf<AsyncIterable<Run>>()
    expectTypeOf<CursorPage<Run>['nextPage']>().returns.toEqualTypeOf<PagePromise<Run> | null>()
    expectTypeOf<CursorPage<Run>['hasNextPage']>().returns.toEqualTypeOf<boolean>()
    promise.catch(() => {})
  })

  it('threads and their messages', () => {
    expectTypeOf(client.threads.create).returns.toEqualTypeOf<Promise<Thread>>()
    expectTypeOf(client.threads.create).parameter(0).toEqualTypeOf<ThreadCreateParams | undefined>()
    expectTypeOf(client.threads.retrieve).returns.toEqualTypeOf<Promise<Thread>>()
    expectTypeOf(client.threads.update).returns.toEqualTypeOf<Promise<Thread>>()
    expectTypeOf(client.threads.delete).returns.toEqualTypeOf<Promise<ThreadDeleted>>()
    expectTypeOf<ThreadDeleted['object']>().toEqualTypeOf<'thread.deleted'>()
    expectTypeOf(client.threads.createAndRun).returns.toEqualTypeOf<Promise<Run>>()
    expectTypeOf(client.threads.createAndRunStream).returns.toEqualTypeOf<RunStream>()
    expectTypeOf(client.threads.createAndRunPoll).returns.toEqualTypeOf<Promise<Run>>()
    expectTypeOf(client.threads.createAndRun).parameter(0).toEqualTypeOf<ThreadCreateAndRunParams>()
    expectTypeOf(client.threads.messages.create).returns.toEqualTypeOf<Promise<Message>>()
    expectTypeOf(client.threads.messages.retrieve).returns.toEqualTypeOf<Promise<Message>>()
    // A thread-and-run body is a run's, with a thread instead of additional messages.
    expectTypeOf<ThreadCreateAndRunParams>().not.toHaveProperty('additional_messages')
    expectTypeOf<ThreadCreateAndRunParams['thread']>().toEqualTypeOf<ThreadCreateParams | undefined>()
    // Fields a server adds stay readable, and the tool resources are typed.
    expectTypeOf<Thread['reasoning']>().toEqualTypeOf<unknown>()
    expectTypeOf<NonNullable<Thread['tool_resources']>['file_search']>().toEqualTypeOf<
      { vector_store_ids?: string[] } | undefined
    >()
    // @ts-expect-error assistant_id is required
    client.threads.createAndRun({}).catch(() => {})
  })

  it('threads.messages.list and onResponse', () => {
    expectTypeOf(client.threads.messages.list).returns.toEqualTypeOf<PagePromise<Message>>()
    expectTypeOf(client.threads.messages.list).parameter(0).toEqualTypeOf<string>()
    expectTypeOf(client.threads.messages.list).parameter(1).toEqualTypeOf<MessageListParams | undefined>()
    expectTypeOf(client.threads.messages.list).parameter(2).toEqualTypeOf<RequestOptions | undefined>()
    expectTypeOf<MessageListParams>().toEqualTypeOf<{
      run_id?: string
      after?: string
      before?: string
      limit?: number
      order?: 'asc' | 'desc'
    }>()
    expectTypeOf<RequestOptions['onResponse']>().toEqualTypeOf<((response: Response) => void) | undefined>()
    const page = client.threads.messages.list(
      't',
      { run_id: 'run_1', order: 'asc' },
      { onResponse: (r) => r.headers },
    )
    expectTypeOf(page).resolves.toEqualTypeOf<CursorPage<Message>>()
    // @ts-expect-error run_id is a string
    client.threads.messages.list('t', { run_id: 1 }).catch(() => {})
    page.catch(() => {})
  })

  it('RunStream', () => {
    expectTypeOf<RunStream>().toMatchTypeOf<AsyncIterable<AssistantStreamEvent>>()
    expectTypeOf<RunStream['snapshot']>().returns.toEqualTypeOf<RunSnapshot>()
    expectTypeOf<RunStream['finalRun']>().returns.toEqualTypeOf<Promise<Run>>()
    expectTypeOf<RunStream['finalMessages']>().returns.toEqualTypeOf<Promise<Message[]>>()
    expectTypeOf<RunStream['abort']>().returns.toBeVoid()
  })

  it('switch on event narrows the data', () => {
    const check = (event: AssistantStreamEvent) => {
      switch (event.event) {
        case 'thread.run.completed':
          expectTypeOf(event.data).toEqualTypeOf<Run>()
          break
        case 'thread.message.delta':
          expectTypeOf(event.data).toEqualTypeOf<MessageDelta>()
          break
        case 'thread.run.step.delta':
          expectTypeOf(event.data).toEqualTypeOf<RunStepDelta>()
          break
        case 'thread.message.completed':
          expectTypeOf(event.data).toEqualTypeOf<Message>()
          break
        case 'thread.created':
          expectTypeOf(event.data).toEqualTypeOf<Thread>()
          break
        case 'error':
          expectTypeOf(event.data).toEqualTypeOf<ErrorObject>()
          break
        case 'done':
          expectTypeOf(event.data).toEqualTypeOf<'[DONE]'>()
          break
        case 'unknown':
          expectTypeOf(event.name).toEqualTypeOf<string>()
          expectTypeOf(event.data).toBeUnknown()
          break
      }
    }
    expectTypeOf(check).toBeFunction()
  })

  it('open unions: a new status compiles, known ones still complete', () => {
    expectTypeOf<'brand_new'>().toMatchTypeOf<RunStatus>()
    expectTypeOf<'queued'>().toMatchTypeOf<RunStatus>()
    expectTypeOf<Run['status']>().toEqualTypeOf<RunStatus>()
    // Unknown fields stay reachable without a cast.
    expectTypeOf<Run['tool_resources']>().toBeUnknown()
  })

  it('the reducer and its helpers', () => {
    expectTypeOf(applyRunEvent).toEqualTypeOf<
      (snapshot: RunSnapshot, event: AssistantStreamEvent) => RunSnapshot
    >()
    // Shared by every stream: typed so that nothing writes to it.
    expectTypeOf(emptyRunSnapshot).toEqualTypeOf<Readonly<RunSnapshot>>()
    expectTypeOf(isTerminalStatus).toEqualTypeOf<(status: RunStatus) => boolean>()
    expectTypeOf(isPollingStatus).toEqualTypeOf<(status: RunStatus) => boolean>()
    expectTypeOf(pollDelay).returns.toBeNumber()
    expectTypeOf<RunSnapshot['error']>().toEqualTypeOf<{
      message: string
      type?: string
      code?: string | null
      param?: string | null
    } | null>()
  })

  it('errors', () => {
    expectTypeOf<APIConnectionError>().toMatchTypeOf<APIError>()
    expectTypeOf<APITimeoutError>().toMatchTypeOf<APIConnectionError>()
    expectTypeOf<APIUserAbortError>().toMatchTypeOf<APIError>()
    expectTypeOf<StreamError>().toMatchTypeOf<APIError>()
    expectTypeOf<StreamError['reason']>().toEqualTypeOf<
      'invalid_json' | 'invalid_body' | 'invalid_event' | 'event_too_large' | 'ended_early'
    >()
    expectTypeOf<InvalidParamError>().toMatchTypeOf<TypeError>()
    expectTypeOf<APIError['status']>().toEqualTypeOf<number | undefined>()
    expectTypeOf<APIError['requestId']>().toEqualTypeOf<string | null>()
  })

  it('params reject what the API rejects', () => {
    // @ts-expect-error assistant_id is required
    client.runs.create('t', {}).catch(() => {})
    // @ts-expect-error tool outputs need a tool_call_id
    client.runs.submitToolOutputs('t', 'r', { tool_outputs: [{ output: 'x' }] }).catch(() => {})
    client.runs
      .create('t', {
        assistant_id: 'a',
        include: ['step_details.tool_calls[*].file_search.results[*].content'],
        additional_messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
        tool_choice: { type: 'function', function: { name: 'f' } },
        response_format: { type: 'json_schema', json_schema: { name: 's' } },
        truncation_strategy: { type: 'last_messages', last_messages: 3 },
      })
      .catch(() => {})
  })
})

describe('public types: the Responses API', () => {
  it('the methods return what issue 13 names and the README documents', () => {
    expectTypeOf(client.responses.create).returns.toEqualTypeOf<Promise<ModelResponse>>()
    expectTypeOf(client.responses.stream).returns.toEqualTypeOf<ResponseStream>()
    expectTypeOf(client.responses.resume).returns.toEqualTypeOf<ResponseStream>()
    expectTypeOf(client.responses.retrieve).returns.toEqualTypeOf<Promise<ModelResponse>>()
    expectTypeOf(client.responses.poll).returns.toEqualTypeOf<Promise<ModelResponse>>()
    expectTypeOf(client.responses.cancel).returns.toEqualTypeOf<Promise<ModelResponse>>()
    expectTypeOf(client.responses.delete).returns.toEqualTypeOf<Promise<ResponseDeleted>>()
    expectTypeOf(client.responses.inputItems.list).returns.toEqualTypeOf<PagePromise<InputItem>>()
    expectTypeOf(client.responses.create).parameter(0).toEqualTypeOf<ResponseCreateParams>()
    expectTypeOf<ResponseStream>().toMatchTypeOf<AsyncIterable<ResponseStreamEvent>>()
    expectTypeOf<ResponseStream['snapshot']>().returns.toEqualTypeOf<ResponseSnapshot>()
    expectTypeOf<ResponseStream['finalResponse']>().returns.toEqualTypeOf<Promise<ModelResponse>>()
    expectTypeOf(applyResponseEvent).returns.toEqualTypeOf<ResponseSnapshot>()
    expectTypeOf(emptyResponseSnapshot).toEqualTypeOf<Readonly<ResponseSnapshot>>()
  })

  it('events narrow by type; the snapshot has the fields the issue gives', () => {
    expectTypeOf<ResponseSnapshot>().toEqualTypeOf<{
      response: ModelResponse | null
      sequenceNumber: number | null
      error: ResponseSnapshotError | null
      done: boolean
    }>()
    const narrow = (event: ResponseStreamEvent) => {
      if (event.type === 'response.output_text.delta') expectTypeOf(event.delta).toEqualTypeOf<string>()
      if (event.type === 'response.completed') expectTypeOf(event.response).toEqualTypeOf<ModelResponse>()
      if (event.type === 'response.function_call_arguments.done') {
        expectTypeOf(event.name).toEqualTypeOf<string | undefined>()
      }
      if (event.type === 'unknown') expectTypeOf(event.data).toEqualTypeOf<unknown>()
    }
    expectTypeOf(narrow).toBeFunction()
  })
})
