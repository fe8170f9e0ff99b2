/**
 * The Responses API on the wire (`/responses…` of the vendored OpenAPI spec): the response, its
 * output items, the stream's events and the request bodies. Where the spec and real servers
 * disagree, both are accepted: recordings send `user: null`, `usage: null` while in progress, no
 * `cache_write_tokens`, and `response.function_call_arguments.done` without `name`.
 */
import type {
  CursorQuery,
  Extensible,
  Metadata,
  Open,
  PagePromise,
  ReasoningEffort,
  RequestOptions,
} from './types.js'

export type KnownResponseStatus =
  | 'queued'
  | 'in_progress'
  | 'completed'
  | 'failed'
  | 'incomplete'
  | 'cancelled'
export type ResponseStatus = Open<KnownResponseStatus>

export interface ResponseError extends Extensible {
  code: string
  message: string
}

export interface ResponseUsage extends Extensible {
  input_tokens: number
  input_tokens_details: { cached_tokens: number; cache_write_tokens?: number }
  output_tokens: number
  output_tokens_details: { reasoning_tokens: number }
  total_tokens: number
}

// ---------------------------------------------------------------------------------------------
// Output items

export interface OutputTextContent extends Extensible {
  type: 'output_text'
  text: string
  annotations: ResponseAnnotation[]
  logprobs?: ResponseLogProb[]
}

export interface ResponseRefusalContent extends Extensible {
  type: 'refusal'
  refusal: string
}

export type ResponseOutputContent = OutputTextContent | ResponseRefusalContent

export interface ResponseAnnotation extends Extensible {
  type: Open<'file_citation' | 'url_citation' | 'container_file_citation' | 'file_path'>
}

export interface ResponseLogProb extends Extensible {
  token: string
  logprob: number
}

export type ItemStatus = Open<'in_progress' | 'completed' | 'incomplete'>

export interface ResponseOutputMessage extends Extensible {
  type: 'message'
  id: string
  role: 'assistant'
  status: ItemStatus
  content: ResponseOutputContent[]
}

export interface ResponseFunctionCall extends Extensible {
  type: 'function_call'
  /** Absent on a call given back as input by hand. */
  id?: string
  call_id: string
  name: string
  /** JSON text, built from `response.function_call_arguments.delta` while it streams. */
  arguments: string
  status?: ItemStatus
}

export interface ReasoningSummaryPart extends Extensible {
  type: 'summary_text'
  text: string
}

export interface ReasoningTextPart extends Extensible {
  type: 'reasoning_text'
  text: string
}

export interface ResponseReasoningItem extends Extensible {
  type: 'reasoning'
  id: string
  summary: ReasoningSummaryPart[]
  content?: ReasoningTextPart[]
  encrypted_content?: string | null
  status?: ItemStatus
}

/** An output item with arguments or input streamed as text (MCP, custom tools). */
export interface ResponseMcpCall extends Extensible {
  type: 'mcp_call'
  id: string
  name: string
  server_label: string
  arguments: string
  output?: string | null
  error?: string | null
  status?: Open<'in_progress' | 'completed' | 'incomplete' | 'calling' | 'failed'>
}

export interface ResponseCustomToolCall extends Extensible {
  type: 'custom_tool_call'
  id?: string
  call_id: string
  name: string
  input: string
}

export interface ResponseCodeInterpreterCall extends Extensible {
  type: 'code_interpreter_call'
  id: string
  code: string | null
  status: Open<'in_progress' | 'completed' | 'incomplete' | 'interpreting' | 'failed'>
}

/** The built-in tools whose events only move their status (`response.<kind>.<status>`). */
export interface ResponseToolCallItem<T extends string> extends Extensible {
  type: T
  id: string
  status?: string
}

export type ResponseOutputItem =
  | ResponseOutputMessage
  | ResponseFunctionCall
  | ResponseReasoningItem
  | ResponseMcpCall
  | ResponseCustomToolCall
  | ResponseCodeInterpreterCall
  | ResponseToolCallItem<
      | 'file_search_call'
      | 'web_search_call'
      | 'image_generation_call'
      | 'computer_call'
      | 'mcp_list_tools'
      | 'mcp_approval_request'
      | 'local_shell_call'
      | 'shell_call'
      | 'shell_call_output'
      | 'apply_patch_call'
      | 'apply_patch_call_output'
      | 'compaction'
    >

// ---------------------------------------------------------------------------------------------
// Input items

export interface InputTextContent extends Extensible {
  type: 'input_text'
  text: string
}

export interface InputImageContent extends Extensible {
  type: 'input_image'
  image_url?: string | null
  file_id?: string | null
  detail?: Open<'low' | 'high' | 'auto'>
}

export interface InputFileContent extends Extensible {
  type: 'input_file'
  file_id?: string | null
  file_url?: string
  file_data?: string
  filename?: string
}

export type InputContent = InputTextContent | InputImageContent | InputFileContent

/** A message written by the caller: text, or parts. `type` may be left out. */
export interface ResponseInputMessage extends Extensible {
  type?: 'message'
  id?: string
  role: Open<'user' | 'system' | 'developer' | 'assistant'>
  content: string | Array<InputContent | ResponseOutputContent>
  status?: ItemStatus
}

/** The answer to a `function_call` of a previous response, matched by its `call_id`. */
export interface FunctionCallOutput extends Extensible {
  type: 'function_call_output'
  id?: string
  call_id: string
  output: string | InputContent[]
  status?: ItemStatus
}

export interface ItemReference extends Extensible {
  type: 'item_reference'
  id: string
}

/** An item of a response's input: what `input` takes, and what `inputItems.list` gives. */
export type InputItem = ResponseInputMessage | FunctionCallOutput | ItemReference | ResponseOutputItem

// ---------------------------------------------------------------------------------------------
// The response

export interface ResponseFunctionTool extends Extensible {
  type: 'function'
  name: string
  description?: string | null
  parameters: Record<string, unknown> | null
  strict?: boolean | null
}

/** A function tool, or any built-in tool (`file_search`, `web_search`, `mcp`, ...) as the spec gives it. */
export type ResponseTool =
  | ResponseFunctionTool
  | (Extensible & {
      type: Open<'file_search' | 'web_search' | 'mcp' | 'code_interpreter' | 'image_generation' | 'custom'>
    })

export type ResponseToolChoice =
  | 'none'
  | 'auto'
  | 'required'
  | { type: 'function'; name: string }
  | (Extensible & { type: string })

export interface ResponseReasoning extends Extensible {
  effort?: ReasoningEffort | null
  summary?: Open<'auto' | 'concise' | 'detailed'> | null
}

export type ResponseIncludable = Open<
  | 'file_search_call.results'
  | 'web_search_call.results'
  | 'web_search_call.action.sources'
  | 'message.input_image.image_url'
  | 'computer_call_output.output.image_url'
  | 'code_interpreter_call.outputs'
  | 'reasoning.encrypted_content'
  | 'message.output_text.logprobs'
>

export interface Response extends Extensible {
  id: string
  object: 'response'
  created_at: number
  status: ResponseStatus
  background?: boolean | null
  error: ResponseError | null
  incomplete_details: { reason?: Open<'max_output_tokens' | 'content_filter'> } | null
  instructions: string | InputItem[] | null
  max_output_tokens?: number | null
  model: string
  output: ResponseOutputItem[]
  parallel_tool_calls: boolean
  previous_response_id?: string | null
  conversation?: { id: string } | null
  reasoning?: ResponseReasoning | null
  store?: boolean
  temperature?: number | null
  tool_choice: ResponseToolChoice
  tools: ResponseTool[]
  top_p?: number | null
  /** `null` while in progress on real servers. */
  usage?: ResponseUsage | null
  user?: string | null
  metadata: Metadata | null
}

export interface ResponseDeleted extends Extensible {
  id: string
  object: 'response'
  deleted: boolean
}

// ---------------------------------------------------------------------------------------------
// Requests

export interface ResponseCreateParams {
  model: string
  input?: string | InputItem[]
  instructions?: string | null
  /** Run in the background: the create answers at once, the stream can be resumed, polled, cancelled. */
  background?: boolean | null
  /** Keep the response (default true): needed to retrieve, resume, poll or follow it up. */
  store?: boolean | null
  /** Continue from a response: its output is this one's context (answer its calls with `function_call_output` items). */
  previous_response_id?: string | null
  /** The conversation this response belongs to (not with `previous_response_id`). */
  conversation?: string | { id: string } | null
  tools?: ResponseTool[]
  tool_choice?: ResponseToolChoice
  parallel_tool_calls?: boolean | null
  max_output_tokens?: number | null
  max_tool_calls?: number | null
  reasoning?: ResponseReasoning | null
  /** Sent in the body, as the Responses API asks (the runs API takes `include[]` in the query). */
  include?: ResponseIncludable[] | null
  metadata?: Metadata | null
  temperature?: number | null
  top_p?: number | null
  top_logprobs?: number | null
  text?: Extensible
  truncation?: Open<'auto' | 'disabled'> | null
  service_tier?: Open<'auto' | 'default' | 'flex' | 'scale' | 'priority'> | null
  stream_options?: { include_obfuscation?: boolean } | null
  prompt?: Extensible | null
  prompt_cache_key?: string
  safety_identifier?: string
  user?: string
}

export interface ResponseRetrieveParams {
  include?: ResponseIncludable[]
  include_obfuscation?: boolean
}

export interface ResponseResumeParams extends ResponseRetrieveParams {
  /** Events after this `sequence_number` (default: from the first). */
  starting_after?: number
}

/** Cursor paging by `after` (the spec has no `before` here); `order` defaults to `desc`. */
export interface InputItemListParams extends Omit<CursorQuery, 'before'> {
  include?: ResponseIncludable[]
}

// ---------------------------------------------------------------------------------------------
// Stream events: one interface per event of the spec's `ResponseStreamEvent`

interface EventBase {
  sequence_number: number
  [field: string]: unknown
}
interface ItemEvent extends EventBase {
  output_index: number
  item_id: string
}
interface ContentEvent extends ItemEvent {
  content_index: number
}
interface SummaryEvent extends ItemEvent {
  summary_index: number
}
interface ShellEvent extends EventBase {
  output_index: number
  command_index: number
}

/** The events that carry the whole response, named after its status. */
export interface ResponseLifecycleEvent<T extends string> extends EventBase {
  type: T
  response: Response
}

/** The events that only say an item's tool moved on (searching, generating, completed...). */
export interface ResponseItemProgressEvent<T extends string> extends ItemEvent {
  type: T
}

export interface ResponseOutputItemEvent<T extends string> extends EventBase {
  type: T
  output_index: number
  item: ResponseOutputItem
}

export interface ResponseContentPartEvent<T extends string> extends ContentEvent {
  type: T
  part: ResponseOutputContent
}

export interface ResponseTextDeltaEvent extends ContentEvent {
  type: 'response.output_text.delta'
  delta: string
  logprobs?: ResponseLogProb[]
  obfuscation?: string
}
export interface ResponseTextDoneEvent extends ContentEvent {
  type: 'response.output_text.done'
  text: string
  logprobs?: ResponseLogProb[]
}
export interface ResponseOutputTextAnnotationAddedEvent extends ContentEvent {
  type: 'response.output_text.annotation.added'
  annotation_index: number
  annotation: ResponseAnnotation | null
}
export interface ResponseRefusalDeltaEvent extends ContentEvent {
  type: 'response.refusal.delta'
  delta: string
}
export interface ResponseRefusalDoneEvent extends ContentEvent {
  type: 'response.refusal.done'
  refusal: string
}
export interface ResponseFunctionCallArgumentsDeltaEvent extends ItemEvent {
  type: 'response.function_call_arguments.delta'
  delta: string
  obfuscation?: string
}
export interface ResponseFunctionCallArgumentsDoneEvent extends ItemEvent {
  type: 'response.function_call_arguments.done'
  arguments: string
  /** In the spec; real servers leave it out. */
  name?: string
}
export interface ResponseReasoningSummaryPartEvent<T extends string> extends SummaryEvent {
  type: T
  part: ReasoningSummaryPart
  status?: 'incomplete'
}
export interface ResponseReasoningSummaryTextDeltaEvent extends SummaryEvent {
  type: 'response.reasoning_summary_text.delta'
  delta: string
  obfuscation?: string
}
export interface ResponseReasoningSummaryTextDoneEvent extends SummaryEvent {
  type: 'response.reasoning_summary_text.done'
  text: string
}
export interface ResponseReasoningTextDeltaEvent extends ContentEvent {
  type: 'response.reasoning_text.delta'
  delta: string
  obfuscation?: string
}
export interface ResponseReasoningTextDoneEvent extends ContentEvent {
  type: 'response.reasoning_text.done'
  text: string
}
export interface ResponseAudioDeltaEvent<T extends string> extends EventBase {
  type: T
  delta: string
}
export interface ResponseAudioDoneEvent<T extends string> extends EventBase {
  type: T
}
export interface ResponseCodeInterpreterCallCodeDeltaEvent extends ItemEvent {
  type: 'response.code_interpreter_call_code.delta'
  delta: string
}
export interface ResponseCodeInterpreterCallCodeDoneEvent extends ItemEvent {
  type: 'response.code_interpreter_call_code.done'
  code: string
}
export interface ResponseImageGenCallPartialImageEvent extends ItemEvent {
  type: 'response.image_generation_call.partial_image'
  partial_image_index: number
  partial_image_b64: string
}
export interface ResponseMCPCallArgumentsDeltaEvent extends ItemEvent {
  type: 'response.mcp_call_arguments.delta'
  delta: string
}
export interface ResponseMCPCallArgumentsDoneEvent extends ItemEvent {
  type: 'response.mcp_call_arguments.done'
  arguments: string
}
export interface ResponseCustomToolCallInputDeltaEvent extends ItemEvent {
  type: 'response.custom_tool_call_input.delta'
  delta: string
}
export interface ResponseCustomToolCallInputDoneEvent extends ItemEvent {
  type: 'response.custom_tool_call_input.done'
  input: string
}
export interface ResponseShellCallCommandEvent<T extends string> extends ShellEvent {
  type: T
  command: string
}
export interface ResponseShellCallCommandDeltaEvent extends ShellEvent {
  type: 'response.shell_call_command.delta'
  delta: string
  obfuscation?: string
}
export interface ResponseShellCallOutputContentDeltaEvent extends ShellEvent {
  type: 'response.shell_call_output_content.delta'
  item_id: string
  delta: Extensible
}
export interface ResponseShellCallOutputContentDoneEvent extends ShellEvent {
  type: 'response.shell_call_output_content.done'
  item_id: string
  output: Extensible[]
}
/** A stream that broke: no `response.failed` follows. Servers send it bare or wrapped in `error`: it arrives bare. */
export interface ResponseErrorEvent extends EventBase {
  type: 'error'
  code: string | null
  message: string
  param: string | null
}

export type ResponseStreamLifecycleEventName =
  | 'response.created'
  | 'response.queued'
  | 'response.in_progress'
  | 'response.completed'
  | 'response.failed'
  | 'response.incomplete'

export type ResponseItemProgressEventName =
  | 'response.file_search_call.in_progress'
  | 'response.file_search_call.searching'
  | 'response.file_search_call.completed'
  | 'response.web_search_call.in_progress'
  | 'response.web_search_call.searching'
  | 'response.web_search_call.completed'
  | 'response.image_generation_call.in_progress'
  | 'response.image_generation_call.generating'
  | 'response.image_generation_call.completed'
  | 'response.code_interpreter_call.in_progress'
  | 'response.code_interpreter_call.interpreting'
  | 'response.code_interpreter_call.completed'
  | 'response.mcp_call.in_progress'
  | 'response.mcp_call.completed'
  | 'response.mcp_call.failed'
  | 'response.mcp_list_tools.in_progress'
  | 'response.mcp_list_tools.completed'
  | 'response.mcp_list_tools.failed'

/** Every event of the spec's `ResponseStreamEvent`. */
export type KnownResponseStreamEvent =
  | ResponseLifecycleEvent<ResponseStreamLifecycleEventName>
  | ResponseItemProgressEvent<ResponseItemProgressEventName>
  | ResponseOutputItemEvent<'response.output_item.added' | 'response.output_item.done'>
  | ResponseContentPartEvent<'response.content_part.added' | 'response.content_part.done'>
  | ResponseTextDeltaEvent
  | ResponseTextDoneEvent
  | ResponseOutputTextAnnotationAddedEvent
  | ResponseRefusalDeltaEvent
  | ResponseRefusalDoneEvent
  | ResponseFunctionCallArgumentsDeltaEvent
  | ResponseFunctionCallArgumentsDoneEvent
  | ResponseReasoningSummaryPartEvent<
      'response.reasoning_summary_part.added' | 'response.reasoning_summary_part.done'
    >
  | ResponseReasoningSummaryTextDeltaEvent
  | ResponseReasoningSummaryTextDoneEvent
  | ResponseReasoningTextDeltaEvent
  | ResponseReasoningTextDoneEvent
  | ResponseAudioDeltaEvent<'response.audio.delta' | 'response.audio.transcript.delta'>
  | ResponseAudioDoneEvent<'response.audio.done' | 'response.audio.transcript.done'>
  | ResponseCodeInterpreterCallCodeDeltaEvent
  | ResponseCodeInterpreterCallCodeDoneEvent
  | ResponseImageGenCallPartialImageEvent
  | ResponseMCPCallArgumentsDeltaEvent
  | ResponseMCPCallArgumentsDoneEvent
  | ResponseCustomToolCallInputDeltaEvent
  | ResponseCustomToolCallInputDoneEvent
  | ResponseShellCallCommandEvent<'response.shell_call_command.added' | 'response.shell_call_command.done'>
  | ResponseShellCallCommandDeltaEvent
  | ResponseShellCallOutputContentDeltaEvent
  | ResponseShellCallOutputContentDoneEvent
  | ResponseErrorEvent

export type ResponseStreamEventName = KnownResponseStreamEvent['type']

/** An event this version does not know, passed on: its name, and its data parsed when it is JSON. */
export interface UnknownResponseStreamEvent {
  type: 'unknown'
  name: string
  data: unknown
}

export type ResponseStreamEvent = KnownResponseStreamEvent | UnknownResponseStreamEvent

// ---------------------------------------------------------------------------------------------
// The stream, its snapshot, the resource

export interface ResponseSnapshotError {
  message: string
  code?: string | null
  param?: string | null
}

export interface ResponseSnapshot {
  /** The response as the events so far make it; the completed response at the end. */
  response: Response | null
  /** The `sequence_number` of the last event applied: a resume starts after it. */
  sequenceNumber: number | null
  /** From an `error` event. */
  error: ResponseSnapshotError | null
  /** True once the response has ended: completed, failed, incomplete (or, known by a retrieve, cancelled). */
  done: boolean
}

export interface ResponseStream extends AsyncIterable<ResponseStreamEvent> {
  /** The state after the events read so far (`applyResponseEvent` over them). */
  snapshot(): ResponseSnapshot
  /** Reads the stream to its end (if nobody iterates it) and gives the final response. */
  finalResponse(): Promise<Response>
  abort(): void
}

export interface InputItemsResource {
  list(responseId: string, query?: InputItemListParams, opts?: RequestOptions): PagePromise<InputItem>
}

export interface ResponsesResource {
  create(body: ResponseCreateParams, opts?: RequestOptions): Promise<Response>
  /** POST with `stream: true`; a background response's dropped stream resumes by itself. */
  stream(body: ResponseCreateParams, opts?: RequestOptions): ResponseStream
  /** A background response's stream again, after `starting_after`. */
  resume(responseId: string, query?: ResponseResumeParams, opts?: RequestOptions): ResponseStream
  retrieve(responseId: string, query?: ResponseRetrieveParams, opts?: RequestOptions): Promise<Response>
  /** Retrieves until the response is no longer queued or in progress. */
  poll(responseId: string, opts?: RequestOptions): Promise<Response>
  /** Background responses only. */
  cancel(responseId: string, opts?: RequestOptions): Promise<Response>
  delete(responseId: string, opts?: RequestOptions): Promise<ResponseDeleted>
  inputItems: InputItemsResource
}
