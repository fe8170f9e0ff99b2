import type { KnownRunStatus } from '@runlens/client'

/** The words of the run status badge. */
export interface StatusLabels {
  /** Read before the status by screen readers, e.g. "Run status: Completed". */
  prefix: string
  /** What a status the library does not know is called; the raw status follows it. */
  unknown: string
  /** Said while the status is on its way (`loading`). */
  loading: string
  statuses: Record<KnownRunStatus, string>
}

/** The words of the required-action panel. */
export interface RequiredActionLabels {
  title: string
  intro: (count: number) => string
  functionName: string
  callId: string
  arguments: string
  invalidJson: string
  output: (name: string, index: number, total: number) => string
  submit: string
  submitting: string
  approve: string
  deny: string
  approvalPrompt: string
  denied: string
  /** Shown when submit is pressed with outputs left empty. */
  missing: (count: number) => string
  missingOne: string
  expiresIn: (duration: string) => string
  expired: string
  /** In place of a field of a tool call (its function name, id or arguments) that could not be read. */
  unreadable: string
  /** Why the outputs cannot be sent: a call has no readable id to answer. */
  cannotSubmit: string
}

/** The words of the usage panel. */
export interface UsageLabels {
  title: string
  /** The runs API's prompt tokens. */
  prompt: string
  /** The runs API's completion tokens. */
  completion: string
  /** The Responses API's input tokens (its name for prompt tokens). */
  input: string
  /** The Responses API's output tokens (its name for completion tokens). */
  output: string
  /** Input tokens read from the cache (shown when the server reports them). */
  cached: string
  /** Output tokens spent reasoning (shown when the server reports them). */
  reasoning: string
  total: string
  empty: string
  promptBar: string
  completionBar: string
  inputBar: string
  outputBar: string
  /** The bar's spoken value, e.g. "120 of 1,000 tokens". */
  ofMax: (value: string, max: string) => string
  /** In place of a count that is not a number, or of usage that is not an object. */
  unreadable: string
}

/** The words of the error panel. */
export interface ErrorLabels {
  runFailed: string
  incomplete: string
  requestFailed: string
  code: string
  status: string
  requestId: string
  incompleteReasons: Record<string, string>
  /** For a reason the library does not know. */
  incompleteOther: (reason: string) => string
  /** In place of an error's message when it has none that can be read. */
  noMessage: string
}

/** The words of the steps timeline. */
export interface StepsLabels {
  title: string
  empty: string
  statusPrefix: string
  types: Record<string, string>
  duration: string
  running: string
  messageId: string
  functionCall: string
  arguments: string
  output: string
  noOutput: string
  codeInterpreter: string
  input: string
  logs: string
  imageOutput: (fileId: string) => string
  fileSearch: string
  noResults: string
  score: string
  error: string
  /** A Responses code interpreter's image output, given by URL (never fetched). */
  imageUrlOutput: (url: string) => string
  /** A reasoning item's summary and its reasoning text. */
  summary: string
  reasoningText: string
  /** A reasoning item that gave no summary (e.g. only encrypted content). */
  noSummary: string
  /** The queries of a file or web search. */
  queries: string
  /** The page a web search opened or searched in. */
  url: string
  /** The text a web search looked for in a page. */
  pattern: string
  /** The MCP server of an MCP call. */
  server: string
  /** The id of a function call whose output is listed without the call. */
  callId: string
  /** Where part of a step (its details, a tool call, an output) could not be read. */
  unreadable: string
}

/** The words of the message text. */
export interface MessageLabels {
  /** Visually hidden label of the message region. */
  label: string
  streaming: string
  empty: string
  refusal: string
  imageFile: (fileId: string) => string
  imageUrl: (url: string) => string
  roles: Record<string, string>
  /** In the text, in place of content or a part that could not be read. */
  unreadable: string
}

/** The words of the run list. */
export interface RunListLabels {
  caption: string
  id: string
  status: string
  model: string
  created: string
  duration: string
  tokens: string
  empty: string
  loading: string
  loadMore: string
  loadingMore: string
  select: (runId: string) => string
  /** In a cell whose value could not be read (a row without id, a date that is not a number). */
  unreadable: string
}

/** The words of the run monitor. */
export interface MonitorLabels {
  title: string
  noRun: string
  cancel: string
  cancelling: string
  answer: string
  connection: string
  connectionStates: Record<string, string>
  /** What the single live announcer says when the status changes. */
  announceStatus: (status: string) => string
  /** The connected monitor's error boundary: what it says when the monitor itself failed. */
  crashed: string
  /** The button that mounts the monitor again. */
  retry: string
}

/** Every user-visible string of the components, grouped by component. */
export interface RunlensLabels {
  status: StatusLabels
  requiredAction: RequiredActionLabels
  usage: UsageLabels
  error: ErrorLabels
  steps: StepsLabels
  message: MessageLabels
  runList: RunListLabels
  monitor: MonitorLabels
}

// One constant per component: each component reads its own set (`useLabels`), and `defaultLabels`
// gathers them for apps that want the whole English set.

export const statusLabels: StatusLabels = {
  prefix: 'Run status:',
  unknown: 'Unknown',
  loading: 'Loading…',
  statuses: {
    queued: 'Queued',
    in_progress: 'In progress',
    requires_action: 'Action required',
    cancelling: 'Cancelling',
    cancelled: 'Cancelled',
    failed: 'Failed',
    completed: 'Completed',
    incomplete: 'Incomplete',
    expired: 'Expired',
  },
}

export const requiredActionLabels: RequiredActionLabels = {
  title: 'Action required',
  intro: (count) =>
    count === 1
      ? 'The assistant called a tool. Provide its output to continue the run.'
      : `The assistant called ${count} tools. Provide every output to continue the run.`,
  functionName: 'Function',
  callId: 'Call ID',
  arguments: 'Arguments',
  invalidJson: 'Not valid JSON, shown as received.',
  output: (name, index, total) =>
    total > 1 ? `Output of ${name} (${index + 1} of ${total})` : `Output of ${name}`,
  submit: 'Submit outputs',
  submitting: 'Submitting…',
  approve: 'Approve',
  deny: 'Deny',
  approvalPrompt: 'Allow these tool calls to run?',
  denied: 'Tool calls denied.',
  missing: (count) => (count === 1 ? '1 output is missing.' : `${count} outputs are missing.`),
  missingOne: 'An output is required.',
  expiresIn: (duration) => `Expires in ${duration}`,
  expired: 'Expired: the run no longer accepts outputs.',
  unreadable: 'Not readable',
  cannotSubmit: 'A tool call could not be read, so its output cannot be sent from here.',
}

export const usageLabels: UsageLabels = {
  title: 'Token usage',
  prompt: 'Prompt',
  completion: 'Completion',
  input: 'Input',
  output: 'Output',
  cached: 'Cached input',
  reasoning: 'Reasoning',
  total: 'Total',
  empty: 'No usage reported yet.',
  promptBar: 'Prompt tokens used of the limit',
  completionBar: 'Completion tokens used of the limit',
  inputBar: 'Input tokens used of the limit',
  outputBar: 'Output tokens used of the limit',
  ofMax: (value, max) => `${value} of ${max} tokens`,
  unreadable: 'Not readable',
}

export const errorLabels: ErrorLabels = {
  runFailed: 'The run failed',
  incomplete: 'The run ended incomplete',
  requestFailed: 'The request failed',
  code: 'Code',
  status: 'HTTP status',
  requestId: 'Request ID',
  incompleteReasons: {
    max_completion_tokens:
      'The answer reached the completion token limit (max_completion_tokens) before it was finished.',
    max_prompt_tokens: 'The conversation exceeded the prompt token limit (max_prompt_tokens).',
    max_output_tokens:
      'The answer reached the output token limit (max_output_tokens) before it was finished.',
    content_filter: 'The answer was stopped by the content filter.',
  },
  incompleteOther: (reason) => `The run stopped early (${reason}).`,
  noMessage: 'No message was given.',
}

export const stepsLabels: StepsLabels = {
  title: 'Steps',
  empty: 'No steps yet.',
  statusPrefix: 'Step status:',
  types: {
    message_creation: 'Message',
    tool_calls: 'Tool calls',
    // The Responses API's output items, in the same timeline.
    message: 'Message',
    reasoning: 'Reasoning',
    function_call: 'Function call',
    function_call_output: 'Function output',
    file_search_call: 'File search',
    web_search_call: 'Web search',
    code_interpreter_call: 'Code interpreter',
    mcp_call: 'MCP call',
    custom_tool_call: 'Custom tool call',
  },
  duration: 'Duration',
  running: 'running',
  messageId: 'Message',
  functionCall: 'Function call',
  arguments: 'Arguments',
  output: 'Output',
  noOutput: 'No output yet.',
  codeInterpreter: 'Code interpreter',
  input: 'Input',
  logs: 'Logs',
  imageOutput: (fileId) => `Image file ${fileId}`,
  fileSearch: 'File search',
  noResults: 'No results.',
  score: 'Score',
  error: 'Error',
  imageUrlOutput: (url) => `Image ${url}`,
  summary: 'Summary',
  reasoningText: 'Reasoning',
  noSummary: 'No summary given.',
  queries: 'Queries',
  url: 'Page',
  pattern: 'Looked for',
  server: 'Server',
  callId: 'Call ID',
  unreadable: 'Part of this step could not be read.',
}

export const messageLabels: MessageLabels = {
  label: 'Message',
  streaming: 'Writing…',
  empty: 'No text yet.',
  refusal: 'Refusal',
  imageFile: (fileId) => `[image file ${fileId}]`,
  imageUrl: (url) => `[image ${url}]`,
  roles: { user: 'User', assistant: 'Assistant' },
  unreadable: '[part of this message could not be read]',
}

export const runListLabels: RunListLabels = {
  caption: 'Runs',
  id: 'Run',
  status: 'Status',
  model: 'Model',
  created: 'Created',
  duration: 'Duration',
  tokens: 'Tokens',
  empty: 'No runs yet.',
  loading: 'Loading runs…',
  loadMore: 'Load more',
  loadingMore: 'Loading…',
  select: (runId) => `Open run ${runId}`,
  unreadable: 'Unreadable',
}

export const monitorLabels: MonitorLabels = {
  title: 'Run',
  noRun: 'No run yet.',
  cancel: 'Cancel run',
  cancelling: 'Cancelling…',
  answer: 'Answer',
  connection: 'Connection',
  connectionStates: { idle: 'Idle', streaming: 'Live', polling: 'Polling', closed: 'Closed' },
  announceStatus: (status) => `Run status: ${status}`,
  crashed: 'The run monitor could not show this run.',
  retry: 'Try again',
}

/** The English defaults. Override any subset with a component's `labels` prop or `RunlensLabelsProvider`. */
export const defaultLabels: RunlensLabels = {
  status: statusLabels,
  requiredAction: requiredActionLabels,
  usage: usageLabels,
  error: errorLabels,
  steps: stepsLabels,
  message: messageLabels,
  runList: runListLabels,
  monitor: monitorLabels,
}

/** A partial set of one component's labels: any key, and any entry of the maps (statuses, reasons...). */
export type PartialLabels<T> = {
  // biome-ignore lint/complexity/noBannedTypes: matches every function-valued label
  [K in keyof T]?: T[K] extends Function ? T[K] : T[K] extends object ? Partial<T[K]> : T[K]
}
