import type { ResponsesResource } from './responseTypes.js'

/**
 * The wire types of the Assistants v2 Runs API, after the official OpenAPI spec
 * (RunObject, RunStepObject, MessageObject, AssistantStreamEvent, Error) and the recorded streams.
 *
 * Servers send more than the spec names (`tool_resources`, `reasoning_effort`, ...), so every
 * object keeps an index signature of `unknown`: unknown fields pass through untouched and stay
 * reachable without a cast. Open string unions (`'a' | 'b' | (string & {})`) keep editor
 * completion for the known values while a value a newer server invents still compiles.
 */

/** A string union that also accepts any other string, for values a newer server may add. */
export type Open<T extends string> = T | (string & {})

/** Up to 16 pairs; keys at most 64 characters, values at most 512. */
export type Metadata = Record<string, string>

/** The fields a server may add beyond this file: kept as they came. */
export interface Extensible {
  [field: string]: unknown
}

// ---------------------------------------------------------------------------------------------
// Runs

export type KnownRunStatus =
  | 'queued'
  | 'in_progress'
  | 'requires_action'
  | 'cancelling'
  | 'cancelled'
  | 'failed'
  | 'completed'
  | 'incomplete'
  | 'expired'

export type RunStatus = Open<KnownRunStatus>

export interface FunctionDefinition extends Extensible {
  name: string
  description?: string
  parameters?: Record<string, unknown>
  strict?: boolean | null
}

export interface CodeInterpreterTool extends Extensible {
  type: 'code_interpreter'
}

export interface FileSearchTool extends Extensible {
  type: 'file_search'
  file_search?: {
    max_num_results?: number
    ranking_options?: { ranker?: Open<'auto' | 'default_2024_08_21'>; score_threshold: number }
  }
}

export interface FunctionTool extends Extensible {
  type: 'function'
  function: FunctionDefinition
}

export type AssistantTool = CodeInterpreterTool | FileSearchTool | FunctionTool

export interface RunToolCall extends Extensible {
  id: string
  type: 'function'
  function: { name: string; arguments: string }
}

export interface RequiredAction extends Extensible {
  type: 'submit_tool_outputs'
  submit_tool_outputs: { tool_calls: RunToolCall[] }
}

export interface RunError extends Extensible {
  code: Open<'server_error' | 'rate_limit_exceeded' | 'invalid_prompt'>
  message: string
}

export interface IncompleteDetails extends Extensible {
  reason: Open<'max_completion_tokens' | 'max_prompt_tokens'>
}

export interface RunUsage extends Extensible {
  prompt_tokens: number
  completion_tokens: number
  total_tokens: number
}

export interface TruncationStrategy extends Extensible {
  type: Open<'auto' | 'last_messages'>
  last_messages?: number | null
}

export type ToolChoice =
  | Open<'none' | 'auto' | 'required'>
  | { type: 'file_search' | 'code_interpreter' }
  | { type: 'function'; function: { name: string } }

export type ResponseFormat =
  | 'auto'
  | { type: 'text' }
  | { type: 'json_object' }
  | {
      type: 'json_schema'
      json_schema: {
        name: string
        description?: string
        schema?: Record<string, unknown>
        strict?: boolean | null
      }
    }

export type ReasoningEffort = Open<'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | 'max'>

/** A run on a thread (`thread.run`). */
export interface Run extends Extensible {
  id: string
  object: 'thread.run'
  created_at: number
  thread_id: string
  assistant_id: string
  status: RunStatus
  required_action: RequiredAction | null
  last_error: RunError | null
  expires_at: number | null
  started_at: number | null
  cancelled_at: number | null
  failed_at: number | null
  completed_at: number | null
  incomplete_details: IncompleteDetails | null
  model: string
  /** The spec says string; real servers send null when the assistant has none (see the recordings). */
  instructions: string | null
  tools: AssistantTool[]
  metadata: Metadata | null
  usage: RunUsage | null
  temperature?: number | null
  top_p?: number | null
  max_prompt_tokens: number | null
  max_completion_tokens: number | null
  truncation_strategy: TruncationStrategy | null
  tool_choice: ToolChoice | null
  parallel_tool_calls: boolean
  response_format: ResponseFormat | null
}

// ---------------------------------------------------------------------------------------------
// Messages

export interface FileCitationAnnotation extends Extensible {
  type: 'file_citation'
  text: string
  file_citation: { file_id: string }
  start_index: number
  end_index: number
}

export interface FilePathAnnotation extends Extensible {
  type: 'file_path'
  text: string
  file_path: { file_id: string }
  start_index: number
  end_index: number
}

export type Annotation = FileCitationAnnotation | FilePathAnnotation

export interface TextContent extends Extensible {
  type: 'text'
  text: { value: string; annotations: Annotation[] }
}

export interface ImageFileContent extends Extensible {
  type: 'image_file'
  image_file: { file_id: string; detail?: Open<'auto' | 'low' | 'high'> }
}

export interface ImageURLContent extends Extensible {
  type: 'image_url'
  image_url: { url: string; detail?: Open<'auto' | 'low' | 'high'> }
}

export interface RefusalContent extends Extensible {
  type: 'refusal'
  refusal: string
}

export type MessageContent = TextContent | ImageFileContent | ImageURLContent | RefusalContent

export interface MessageAttachment extends Extensible {
  file_id?: string
  tools?: Array<{ type: 'code_interpreter' } | { type: 'file_search' }>
}

/** A message on a thread (`thread.message`). */
export interface Message extends Extensible {
  id: string
  object: 'thread.message'
  created_at: number
  thread_id: string
  status: Open<'in_progress' | 'incomplete' | 'completed'>
  incomplete_details: {
    reason: Open<'content_filter' | 'max_tokens' | 'run_cancelled' | 'run_expired' | 'run_failed'>
  } | null
  completed_at: number | null
  incomplete_at: number | null
  role: Open<'user' | 'assistant'>
  content: MessageContent[]
  assistant_id: string | null
  run_id: string | null
  attachments: MessageAttachment[] | null
  metadata: Metadata | null
}

export interface TextDeltaContent extends Extensible {
  index: number
  type: 'text'
  text?: {
    value?: string
    annotations?: Array<Partial<Annotation> & { index: number; type: Annotation['type'] }>
  }
}

export interface ImageFileDeltaContent extends Extensible {
  index: number
  type: 'image_file'
  image_file?: { file_id?: string; detail?: Open<'auto' | 'low' | 'high'> }
}

export interface ImageURLDeltaContent extends Extensible {
  index: number
  type: 'image_url'
  image_url?: { url?: string; detail?: Open<'auto' | 'low' | 'high'> }
}

export interface RefusalDeltaContent extends Extensible {
  index: number
  type: 'refusal'
  refusal?: string
}

export type MessageDeltaContent =
  | TextDeltaContent
  | ImageFileDeltaContent
  | ImageURLDeltaContent
  | RefusalDeltaContent

/** The changed parts of a message while it streams (`thread.message.delta`). */
export interface MessageDelta extends Extensible {
  id: string
  object: 'thread.message.delta'
  delta: { role?: Open<'user' | 'assistant'>; content?: MessageDeltaContent[] }
}

// ---------------------------------------------------------------------------------------------
// Run steps

export interface CodeInterpreterLogsOutput extends Extensible {
  type: 'logs'
  logs: string
}

export interface CodeInterpreterImageOutput extends Extensible {
  type: 'image'
  image: { file_id: string }
}

export type CodeInterpreterOutput = CodeInterpreterLogsOutput | CodeInterpreterImageOutput

export interface CodeInterpreterToolCall extends Extensible {
  id: string
  type: 'code_interpreter'
  code_interpreter: { input: string; outputs: CodeInterpreterOutput[] }
}

export interface FileSearchResult extends Extensible {
  file_id: string
  file_name: string
  score: number
  /** Only present when asked for with `include: ['step_details.tool_calls[*].file_search.results[*].content']`. */
  content?: Array<{ type?: 'text'; text?: string }>
}

export interface FileSearchToolCall extends Extensible {
  id: string
  type: 'file_search'
  file_search: {
    ranking_options?: { ranker: Open<'auto' | 'default_2024_08_21'>; score_threshold: number }
    results?: FileSearchResult[]
  }
}

export interface FunctionToolCall extends Extensible {
  id: string
  type: 'function'
  function: { name: string; arguments: string; output: string | null }
}

export type ToolCall = CodeInterpreterToolCall | FileSearchToolCall | FunctionToolCall

export interface MessageCreationStepDetails extends Extensible {
  type: 'message_creation'
  message_creation: { message_id: string }
}

export interface ToolCallsStepDetails extends Extensible {
  type: 'tool_calls'
  tool_calls: ToolCall[]
}

export type StepDetails = MessageCreationStepDetails | ToolCallsStepDetails

export type RunStepStatus = Open<'in_progress' | 'cancelled' | 'failed' | 'completed' | 'expired'>

/** One step of a run (`thread.run.step`): a message it created or tools it called. */
export interface RunStep extends Extensible {
  id: string
  object: 'thread.run.step'
  created_at: number
  assistant_id: string
  thread_id: string
  run_id: string
  type: Open<'message_creation' | 'tool_calls'>
  status: RunStepStatus
  step_details: StepDetails
  last_error: { code: Open<'server_error' | 'rate_limit_exceeded'>; message: string } | null
  expired_at: number | null
  cancelled_at: number | null
  failed_at: number | null
  completed_at: number | null
  metadata: Metadata | null
  usage: RunUsage | null
}

export interface CodeInterpreterToolCallDelta extends Extensible {
  index: number
  id?: string
  type: 'code_interpreter'
  code_interpreter?: {
    input?: string
    outputs?: Array<
      | { index: number; type: 'logs'; logs?: string }
      | { index: number; type: 'image'; image?: { file_id?: string } }
    >
  }
}

export interface FileSearchToolCallDelta extends Extensible {
  index: number
  id?: string
  type: 'file_search'
  file_search: Record<string, unknown>
}

export interface FunctionToolCallDelta extends Extensible {
  index: number
  id?: string
  type: 'function'
  function?: { name?: string; arguments?: string; output?: string | null }
}

export type ToolCallDelta = CodeInterpreterToolCallDelta | FileSearchToolCallDelta | FunctionToolCallDelta

/** The changed parts of a step while it streams (`thread.run.step.delta`). */
export interface RunStepDelta extends Extensible {
  id: string
  object: 'thread.run.step.delta'
  delta: {
    step_details?:
      | { type: 'message_creation'; message_creation?: { message_id?: string } }
      | { type: 'tool_calls'; tool_calls?: ToolCallDelta[] }
  }
}

// ---------------------------------------------------------------------------------------------
// Threads, assistants, errors, lists

/** What a thread's tools may use: files for code interpreter, a vector store for file search. */
export interface ThreadToolResources extends Extensible {
  code_interpreter?: { file_ids?: string[] }
  file_search?: { vector_store_ids?: string[] }
}

/** A conversation (`thread`): the messages runs read and write. */
export interface Thread extends Extensible {
  id: string
  object: 'thread'
  created_at: number
  metadata: Metadata | null
  /** The spec requires it; some servers leave it out. */
  tool_resources?: ThreadToolResources | null
}

/** The answer of `DELETE /threads/{thread_id}`. */
export interface ThreadDeleted extends Extensible {
  id: string
  object: 'thread.deleted'
  deleted: boolean
}

export interface Assistant extends Extensible {
  id: string
  object: 'assistant'
  created_at: number
  name: string | null
  description: string | null
  model: string
  instructions: string | null
  tools: AssistantTool[]
  metadata: Metadata | null
}

/** The `error` object of an error response body, and the data of an `error` stream event. */
export interface ErrorObject extends Extensible {
  message: string
  type: string
  param: string | null
  code: string | null
}

/** The body of a list endpoint. */
export interface ListResponse<T> extends Extensible {
  object: 'list'
  data: T[]
  first_id: string | null
  last_id: string | null
  has_more: boolean
}

// ---------------------------------------------------------------------------------------------
// Stream events

/** Every event name the Assistants v2 stream is documented to send, tagged with its data. */
export type KnownAssistantStreamEvent =
  | { event: 'thread.created'; data: Thread }
  | { event: 'thread.run.created'; data: Run }
  | { event: 'thread.run.queued'; data: Run }
  | { event: 'thread.run.in_progress'; data: Run }
  | { event: 'thread.run.requires_action'; data: Run }
  | { event: 'thread.run.completed'; data: Run }
  | { event: 'thread.run.incomplete'; data: Run }
  | { event: 'thread.run.failed'; data: Run }
  | { event: 'thread.run.cancelling'; data: Run }
  | { event: 'thread.run.cancelled'; data: Run }
  | { event: 'thread.run.expired'; data: Run }
  | { event: 'thread.run.step.created'; data: RunStep }
  | { event: 'thread.run.step.in_progress'; data: RunStep }
  | { event: 'thread.run.step.delta'; data: RunStepDelta }
  | { event: 'thread.run.step.completed'; data: RunStep }
  | { event: 'thread.run.step.failed'; data: RunStep }
  | { event: 'thread.run.step.cancelled'; data: RunStep }
  | { event: 'thread.run.step.expired'; data: RunStep }
  | { event: 'thread.message.created'; data: Message }
  | { event: 'thread.message.in_progress'; data: Message }
  | { event: 'thread.message.delta'; data: MessageDelta }
  | { event: 'thread.message.completed'; data: Message }
  | { event: 'thread.message.incomplete'; data: Message }
  | { event: 'error'; data: ErrorObject }
  | { event: 'done'; data: '[DONE]' }

export type AssistantStreamEventName = KnownAssistantStreamEvent['event']

/**
 * An event a newer server may send that this version does not know. It is passed through, never
 * dropped: `name` is the event name as sent, `data` its payload (parsed when it is JSON). It is
 * tagged `'unknown'` rather than with its own name so that `switch (event.event)` still narrows
 * the known events to their data types.
 */
export interface UnknownAssistantStreamEvent {
  event: 'unknown'
  name: string
  data: unknown
}

export type AssistantStreamEvent = KnownAssistantStreamEvent | UnknownAssistantStreamEvent

/** The `thread.run.*` events: their data is a whole Run. */
export type RunStreamEvent = Extract<KnownAssistantStreamEvent, { data: Run }>

// ---------------------------------------------------------------------------------------------
// Request bodies and queries

export type MessageContentPartParam =
  | { type: 'text'; text: string }
  | { type: 'image_file'; image_file: { file_id: string; detail?: Open<'auto' | 'low' | 'high'> } }
  | { type: 'image_url'; image_url: { url: string; detail?: Open<'auto' | 'low' | 'high'> } }

export interface MessageCreateParams {
  role: 'user' | 'assistant'
  content: string | MessageContentPartParam[]
  attachments?: MessageAttachment[] | null
  metadata?: Metadata | null
}

/** The `include` values of the create and steps endpoints, sent as `include[]` query parameters. */
export type RunStepInclude = Open<'step_details.tool_calls[*].file_search.results[*].content'>

export interface RunCreateParams {
  assistant_id: string
  /** Sent as `include[]` in the query string, not in the body. */
  include?: RunStepInclude[]
  additional_instructions?: string | null
  additional_messages?: MessageCreateParams[] | null
  instructions?: string | null
  max_completion_tokens?: number | null
  max_prompt_tokens?: number | null
  metadata?: Metadata | null
  model?: string | null
  parallel_tool_calls?: boolean
  reasoning_effort?: ReasoningEffort | null
  response_format?: ResponseFormat | null
  temperature?: number | null
  tool_choice?: ToolChoice | null
  tools?: AssistantTool[] | null
  top_p?: number | null
  truncation_strategy?: TruncationStrategy | null
}

export interface RunUpdateParams {
  metadata?: Metadata | null
}

/** How a vector store made with a thread (`tool_resources.file_search.vector_stores`) cuts its files. */
export type ChunkingStrategyParam =
  | { type: 'auto' }
  | { type: 'static'; static: { max_chunk_size_tokens: number; chunk_overlap_tokens: number } }

/** `tool_resources` of a new thread: existing files and vector stores, or a vector store to make. */
export interface ThreadToolResourcesParam {
  code_interpreter?: { file_ids?: string[] }
  file_search?: {
    vector_store_ids?: string[]
    /** A vector store to create with the thread (at most one), from these files. */
    vector_stores?: Array<{
      file_ids?: string[]
      chunking_strategy?: ChunkingStrategyParam
      metadata?: Metadata
    }>
  }
}

/** The body of `client.threads.create` (`CreateThreadRequest`); every field optional. */
export interface ThreadCreateParams {
  /** The messages the thread starts with. */
  messages?: MessageCreateParams[]
  metadata?: Metadata | null
  tool_resources?: ThreadToolResourcesParam | null
}

/** The body of `client.threads.update` (`ModifyThreadRequest`). */
export interface ThreadUpdateParams {
  metadata?: Metadata | null
  tool_resources?: ThreadToolResources | null
}

/**
 * The body of `client.threads.createAndRun` and its stream and poll (`CreateThreadAndRunRequest`):
 * a run's params, with the thread to create instead of additional messages.
 */
export interface ThreadCreateAndRunParams {
  assistant_id: string
  /** The thread to create; an empty one when left out. */
  thread?: ThreadCreateParams
  instructions?: string | null
  max_completion_tokens?: number | null
  max_prompt_tokens?: number | null
  metadata?: Metadata | null
  model?: string | null
  parallel_tool_calls?: boolean
  response_format?: ResponseFormat | null
  temperature?: number | null
  tool_choice?: ToolChoice | null
  /** What the run's tools may use, in place of the assistant's. */
  tool_resources?: ThreadToolResources | null
  tools?: AssistantTool[] | null
  top_p?: number | null
  truncation_strategy?: TruncationStrategy | null
}

export interface ToolOutput {
  tool_call_id: string
  output: string
}

export interface RunSubmitToolOutputsParams {
  tool_outputs: ToolOutput[]
}

export interface CursorQuery {
  after?: string
  before?: string
  /** 1 to 100; the server's default is 20. */
  limit?: number
  /** By `created_at`; the server's default is `desc`. */
  order?: 'asc' | 'desc'
}

export type RunListParams = CursorQuery

export interface RunStepListParams extends CursorQuery {
  include?: RunStepInclude[]
}

/** The query of `client.threads.messages.list`: a thread's messages, optionally only those of one run. */
export interface MessageListParams extends CursorQuery {
  /** Only the messages this run created. */
  run_id?: string
}

export interface RunStepRetrieveParams {
  include?: RunStepInclude[]
}

// ---------------------------------------------------------------------------------------------
// The client's own types: snapshot, options, streams, pages

/** The `error` stream event as the snapshot keeps it. */
export interface RunSnapshotError {
  message: string
  type?: string
  code?: string | null
  param?: string | null
}

/**
 * What a stream has said so far about one run, built by `applyRunEvent`. Treat it as immutable:
 * each event gives a new snapshot whose unchanged parts keep their identity.
 */
export interface RunSnapshot {
  run: Run | null
  messages: Message[]
  steps: RunStep[]
  error: RunSnapshotError | null
  /** True once `[DONE]` has arrived. */
  done: boolean
}

/** A header set on top of the defaults; `null` removes a header the client would send. */
export type HeadersRecord = Record<string, string | null | undefined>

type QueryValue = string | number | boolean
/** Query parameters; an array repeats the key, `null` removes a parameter set at a lower level. */
export type QueryRecord = Record<string, QueryValue | readonly QueryValue[] | null | undefined>

/** The subset of `fetch` the client calls: always a string URL and an init object. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>

/** Resolves after `ms`; may reject early when `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>

/** Options of one call; each overrides the client's own. */
export interface RequestOptions {
  /** Aborts the call (and a stream's body): the call rejects with `APIUserAbortError`. */
  signal?: AbortSignal
  headers?: HeadersRecord
  query?: QueryRecord
  /** Time allowed until the response headers arrive, per attempt. Default: the client's. */
  timeoutMs?: number
  /** Time the response body (JSON or stream) may stay silent between two chunks. Default: the client's. */
  idleTimeoutMs?: number
  /** Default: the client's (2). */
  maxRetries?: number
  /** Polling helpers only: the wait between two retrieves. Default: `openai-poll-after-ms`, else 1000. */
  pollIntervalMs?: number
  /**
   * Called with each final 2xx response (after any retries), before its body is read: its
   * headers are there to read (`x-request-id`, `openai-poll-after-ms` for `pollDelay`...), its
   * body is the client's. Once per request: per page of a list, per retrieve of a poll, once for
   * a stream (again for a retry when a JSON body was cut off; never for a run adopted after a
   * lost answer). What it throws rejects the call. Default: none.
   */
  onResponse?: (response: Response) => void
}

export interface ClientOptions {
  /** Sent as `Authorization: Bearer`. Leave it out behind a proxy that adds the key itself. */
  apiKey?: string
  /** Default `https://api.openai.com/v1`. May be relative (`/api/openai`) in a browser. */
  baseURL?: string
  /** Default `globalThis.fetch`. The simulator's `createSimulator().fetch` fits here. */
  fetch?: FetchLike
  /** Sent with every request, e.g. `{ 'api-key': KEY }` for Azure-style deployments. */
  headers?: HeadersRecord
  /** Sent with every request, e.g. `{ 'api-version': '2024-05-01-preview' }`. */
  query?: QueryRecord
  /** Retries after the first attempt, on 408, 409, 429, 5xx and network errors. Default 2. */
  maxRetries?: number
  /** Time allowed until the response headers arrive, per attempt. Default 600_000 (10 minutes). */
  timeoutMs?: number
  /**
   * Time a response body (JSON or stream) may stay silent, waiting for its next chunk, before the
   * call fails with `APITimeoutError`. Default 120_000 (2 minutes).
   */
  idleTimeoutMs?: number
  /**
   * The largest one stream event may grow (its open line or its data, in characters) before the
   * stream fails with `StreamError('event_too_large')`. Default 16 Mi (`DEFAULT_MAX_EVENT_SIZE`).
   */
  maxEventSize?: number
  /** Allows an `apiKey` in a browser, where anyone can read it. Prefer a proxy that holds the key. */
  dangerouslyAllowBrowser?: boolean
  /** For tests: replaces the waits between retries and polls. */
  sleep?: Sleep
  /** For tests: the clock (ms since the epoch) used to read an HTTP-date `retry-after`. */
  now?: () => number
  /** For tests: a source in [0, 1) for the retry jitter. */
  random?: () => number
}

/**
 * A streamed run: iterate it for the events, or await `finalRun()`. It can be iterated once;
 * leaving a `for await` early aborts the request.
 */
export interface RunStream extends AsyncIterable<AssistantStreamEvent> {
  /** The state after the events read so far (`applyRunEvent` over them). */
  snapshot(): RunSnapshot
  /** Reads the stream to its end (if nobody iterates it) and gives the last run. */
  finalRun(): Promise<Run>
  /** Reads the stream to its end (if nobody iterates it) and gives the run's messages. */
  finalMessages(): Promise<Message[]>
  abort(): void
}

/** One page of a cursor-paginated list. */
export interface CursorPage<T> {
  /** The items of this page. */
  data: T[]
  /** The server's `has_more`, as it said it. */
  hasMore: boolean
  /** The list body as the server sent it: `first_id`, `last_id` and unknown fields included. */
  body: ListResponse<T>
  /**
   * Whether `nextPage()` gives a page: the server says it has more, and this page has an item
   * to continue from. (An empty page that claims more ends the walk, so this is false there
   * while `hasMore` is true.)
   */
  hasNextPage(): boolean
  /** The following page (in the direction of the first query), or null after the last one. */
  nextPage(): PagePromise<T> | null
}

/** The first page as a promise: `await` it for the page, or `for await` over it for every item of every page. */
export interface PagePromise<T> extends Promise<CursorPage<T>>, AsyncIterable<T> {}

export interface StepsResource {
  list(
    threadId: string,
    runId: string,
    query?: RunStepListParams,
    opts?: RequestOptions,
  ): PagePromise<RunStep>
  retrieve(
    threadId: string,
    runId: string,
    stepId: string,
    query?: RunStepRetrieveParams,
    opts?: RequestOptions,
  ): Promise<RunStep>
}

export interface RunsResource {
  create(threadId: string, body: RunCreateParams, opts?: RequestOptions): Promise<Run>
  stream(threadId: string, body: RunCreateParams, opts?: RequestOptions): RunStream
  createAndPoll(threadId: string, body: RunCreateParams, opts?: RequestOptions): Promise<Run>
  retrieve(threadId: string, runId: string, opts?: RequestOptions): Promise<Run>
  update(threadId: string, runId: string, body: RunUpdateParams, opts?: RequestOptions): Promise<Run>
  list(threadId: string, query?: RunListParams, opts?: RequestOptions): PagePromise<Run>
  cancel(threadId: string, runId: string, opts?: RequestOptions): Promise<Run>
  submitToolOutputs(
    threadId: string,
    runId: string,
    body: RunSubmitToolOutputsParams,
    opts?: RequestOptions,
  ): Promise<Run>
  submitToolOutputsStream(
    threadId: string,
    runId: string,
    body: RunSubmitToolOutputsParams,
    opts?: RequestOptions,
  ): RunStream
  submitToolOutputsAndPoll(
    threadId: string,
    runId: string,
    body: RunSubmitToolOutputsParams,
    opts?: RequestOptions,
  ): Promise<Run>
  /** Retrieves the run until its status is neither queued, in_progress nor cancelling. */
  poll(threadId: string, runId: string, opts?: RequestOptions): Promise<Run>
  steps: StepsResource
}

/** `client.threads.messages`: the messages of a thread. */
export interface MessagesResource {
  /** Adds a message to the thread (refused by the server while a run on it is active). */
  create(threadId: string, body: MessageCreateParams, opts?: RequestOptions): Promise<Message>
  retrieve(threadId: string, messageId: string, opts?: RequestOptions): Promise<Message>
  /** A thread's messages, one page or (with `for await`) all of them; `run_id` keeps one run's. */
  list(threadId: string, query?: MessageListParams, opts?: RequestOptions): PagePromise<Message>
}

/** `client.threads`: conversations, their messages, and a thread created and run in one request. */
export interface ThreadsResource {
  /** Creates a thread, empty or with its first messages. */
  create(body?: ThreadCreateParams, opts?: RequestOptions): Promise<Thread>
  retrieve(threadId: string, opts?: RequestOptions): Promise<Thread>
  update(threadId: string, body: ThreadUpdateParams, opts?: RequestOptions): Promise<Thread>
  /** Deletes the thread, its messages and its runs. */
  delete(threadId: string, opts?: RequestOptions): Promise<ThreadDeleted>
  /** `POST /threads/runs`: a new thread and a run on it; `run.thread_id` names the thread. */
  createAndRun(body: ThreadCreateAndRunParams, opts?: RequestOptions): Promise<Run>
  /** `createAndRun`, streamed: the events begin with `thread.created`. */
  createAndRunStream(body: ThreadCreateAndRunParams, opts?: RequestOptions): RunStream
  /** `createAndRun`, then the run polled until it settles (`requires_action` included). */
  createAndRunPoll(body: ThreadCreateAndRunParams, opts?: RequestOptions): Promise<Run>
  messages: MessagesResource
}

export interface RunsClient {
  runs: RunsResource
  threads: ThreadsResource
  responses: ResponsesResource
}
