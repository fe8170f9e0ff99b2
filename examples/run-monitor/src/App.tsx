import type { RunCreateParams } from '@runlens/client'
import {
  RunList,
  RunMonitor,
  type RunStreamState,
  RunsProvider,
  selectRun,
  startBlocker,
  useCreateThread,
  useRunList,
  useRunStream,
} from '@runlens/react'
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react'
import { useStore } from 'zustand'
import { type Assistant, listAssistants } from './api.js'
import { armFault, client } from './client.js'
import { ThemeToggle } from './ThemeToggle.js'
import { demoTools } from './tools.js'

/** 'simulator' or 'proxy', set by the dev server (never the key). */
declare const __RUNLENS_BACKEND__: string

const backend = typeof __RUNLENS_BACKEND__ === 'string' ? __RUNLENS_BACKEND__ : 'simulator'
const params = new URLSearchParams(location.search)
/** Runs per page of the thread's list; small so that "Load more" shows up soon. */
const PAGE_SIZE = Number(params.get('pageSize')) || 5
/** Events before the simulated drop: enough for the run to start, too few for it to finish. */
const CUT_AFTER = Number(params.get('cutAfter')) || 12

const defaultMessages: Record<string, string> = {
  function_call: "What's the weather in Paris?",
  parallel_function_calls: "What's the weather and the time in Paris?",
  expired: 'Where is my order A-1001?',
  code_interpreter: 'What is 10 factorial?',
  file_search: 'How does a run end?',
}

export function App() {
  return (
    <RunsProvider client={client}>
      <div className="app">
        <header className="app-header">
          <div className="app-brand">
            <span className="app-logo" aria-hidden="true" />
            <h1>
              runlens <span className="app-subtitle">run monitor</span>
            </h1>
          </div>
          <span className="app-backend" data-backend={backend}>
            {backend === 'proxy' ? 'Real server via proxy' : 'Simulator'}
          </span>
          <ThemeToggle />
        </header>
        <Workspace />
      </div>
    </RunsProvider>
  )
}

interface ThreadState {
  id: string
  /** The run to start once the thread's view is mounted (the first run of a new thread). */
  first: RunCreateParams | null
}

interface ComposerState {
  assistantId: string
  message: string
  touched: boolean
  approval: boolean
  autoTools: boolean
  dropStream: boolean
}

function initialComposer(): ComposerState {
  const wanted = params.get('assistant')
  return {
    assistantId: wanted ? (wanted.startsWith('asst_') ? wanted : `asst_${wanted}`) : '',
    message: '',
    touched: false,
    approval: params.has('approval'),
    autoTools: false,
    dropStream: false,
  }
}

interface StartOptions {
  /** Show the approve/deny step before the tool output form. */
  approval: boolean
  /** Answer tool calls with the demo's functions instead of the form. */
  autoTools: boolean
}

type ComposerControl = [ComposerState, (patch: Partial<ComposerState>) => void]

function Workspace() {
  const [form, setForm] = useState(initialComposer)
  const update = useCallback((patch: Partial<ComposerState>) => setForm((f) => ({ ...f, ...patch })), [])
  const composer: ComposerControl = [form, update]
  const [assistants, setAssistants] = useState<Assistant[] | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  // `?thread=` reopens a thread after a reload (the simulator keeps it while the dev server runs).
  const [thread, setThreadState] = useState<ThreadState | null>(() => {
    const id = params.get('thread')
    return id ? { id, first: null } : null
  })
  const setThread = useCallback((next: ThreadState | null) => {
    const url = new URL(location.href)
    if (next) url.searchParams.set('thread', next.id)
    else url.searchParams.delete('thread')
    history.replaceState(null, '', url)
    setThreadState(next)
  }, [])
  const createThread = useCreateThread()

  useEffect(() => {
    const controller = new AbortController()
    listAssistants(controller.signal).then(setAssistants, (e: unknown) => {
      if (!controller.signal.aborted) setLoadError(e instanceof Error ? e.message : String(e))
    })
    return () => controller.abort()
  }, [])

  // The thread through the client (its retries and idempotency key), then its first run.
  const startOnNewThread = (body: RunCreateParams) => {
    createThread.mutate(undefined, { onSuccess: (thread) => setThread({ id: thread.id, first: body }) })
  }

  if (loadError) {
    return (
      <main className="app-main app-main--single">
        <div className="app-panel app-notice" role="alert">
          <h2>Could not reach the API</h2>
          <p>
            <code>GET /v1/assistants</code> failed: {loadError}
          </p>
          <p>
            Without <code>OPENAI_BASE_URL</code>, the dev server answers <code>/v1</code> with the simulator;
            with it, check the URL and <code>OPENAI_API_KEY</code>.
          </p>
        </div>
      </main>
    )
  }

  if (!thread) {
    return (
      <main className="app-main">
        <aside className="app-side">
          <Composer
            control={composer}
            assistants={assistants}
            busy={createThread.isPending}
            error={createThread.error && `Could not create a thread: ${createThread.error.message}`}
            onStart={(body) => startOnNewThread(body)}
          />
        </aside>
        <div className="app-content">
          <div className="app-panel app-empty">
            <h2>No run yet</h2>
            <p>
              Pick an assistant, write a message and start a streamed run. A new thread is created for it.
            </p>
          </div>
        </div>
      </main>
    )
  }

  return (
    <ThreadView
      key={thread.id}
      threadId={thread.id}
      first={thread.first}
      assistants={assistants}
      composer={composer}
      onNewThread={() => setThread(null)}
    />
  )
}

function promptOf(body: RunCreateParams | null): string {
  const content = body?.additional_messages?.at(-1)?.content
  return typeof content === 'string' ? content : ''
}

const selectConnection = (s: RunStreamState) => s.connection

function ThreadView({
  threadId,
  first,
  assistants,
  composer,
  onNewThread,
}: {
  threadId: string
  first: RunCreateParams | null
  assistants: Assistant[] | null
  composer: ComposerControl
  onNewThread: () => void
}) {
  const [requireApproval, setRequireApproval] = useState(composer[0].approval)
  const [autoTools, setAutoTools] = useState(composer[0].autoTools)
  const stream = useRunStream(threadId, { select: selectConnection, ...(autoTools && { tools: demoTools }) })
  const list = useRunList(threadId, { limit: PAGE_SIZE })
  const [selected, setSelected] = useState<string | null>(null)
  const [startedHere, setStartedHere] = useState(first !== null)
  const active = stream.state === 'streaming' || stream.state === 'polling'
  const streamedRun = useStore(stream.store, selectRun)
  // From the press of Start until the stream closes: the button is disabled at once, before the
  // run's first event, so a second press never sends a second create.
  const [starting, setStarting] = useState(first !== null)

  const [prompt, setPrompt] = useState(() => promptOf(first))
  const start = (body: RunCreateParams, options: StartOptions) => {
    setRequireApproval(options.approval)
    setAutoTools(options.autoTools)
    setPrompt(promptOf(body))
    setSelected(null)
    setStartedHere(true)
    setStarting(true)
    void stream.start(body).finally(() => setStarting(false))
  }

  // The first run of a new thread, once this view (and its stream session) exists.
  const firstStarted = useRef<RunCreateParams | null>(null)
  useEffect(() => {
    if (first && firstStarted.current !== first) {
      firstStarted.current = first
      void stream.start(first).finally(() => setStarting(false))
    }
  }, [first, stream.start])

  // One unfinished run per thread (the API refuses a second): Start waits while the streamed run
  // or any listed one is going or waits for tool outputs, and says why.
  const blocker = startBlocker([streamedRun, ...list.runs])
  const blocked =
    blocker === 'waiting'
      ? 'A run is waiting for tool outputs.'
      : blocker === 'active' || active || starting
        ? 'A run is in progress.'
        : null

  // A run picked in the list; else, after a reload (no run streamed here yet), the newest one.
  const latest = list.runs[0]?.id ?? null
  const showing = selected && selected !== stream.runId ? selected : startedHere ? null : latest
  const earlier = showing !== null && showing !== latest

  const runs = (
    <section className="app-panel app-runs" aria-labelledby="runs-title">
      <div className="app-panel__head">
        <h2 id="runs-title">Runs on this thread</h2>
        <code className="app-thread" title="Thread id">
          {threadId}
        </code>
      </div>
      <RunList
        runs={list.runs}
        isLoading={list.isPending}
        hasMore={list.hasNextPage}
        isLoadingMore={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
        selectedRunId={showing ?? stream.runId}
        onSelect={(run) => setSelected(run.id)}
        labels={{ caption: 'Newest first' }}
      />
      {list.error && (
        <p className="app-error" role="alert">
          {list.error.message}
        </p>
      )}
    </section>
  )

  return (
    <main className="app-main">
      <aside className="app-side">
        <Composer
          control={composer}
          assistants={assistants}
          busy={active || starting}
          blocked={blocked}
          error={null}
          onStart={(body, options) => start(body, options)}
          onNewThread={onNewThread}
        />
      </aside>
      <div className="app-content">
        {showing ? (
          <>
            {earlier && (
              <div className="app-content__bar">
                <span className="app-muted">Earlier run, opened from the list</span>
                <button type="button" className="rl-button" onClick={() => setSelected(null)}>
                  Back to the latest run
                </button>
              </div>
            )}
            <RunMonitor key={showing} threadId={threadId} runId={showing} />
          </>
        ) : (
          <>
            {prompt && (
              <p className="app-prompt">
                <span className="app-prompt__who">You</span> {prompt}
              </p>
            )}
            <RunMonitor threadId={threadId} stream={stream} requireApproval={requireApproval} />
          </>
        )}
        {runs}
      </div>
    </main>
  )
}

function Composer({
  control: [{ assistantId, message, touched, approval, autoTools, dropStream }, update],
  assistants,
  busy,
  blocked = null,
  error,
  onStart,
  onNewThread,
}: {
  control: ComposerControl
  assistants: Assistant[] | null
  /** Something is under way: Start and New thread wait. */
  busy: boolean
  /** Why no run can start now (the thread's run is unfinished), shown next to the disabled Start. */
  blocked?: string | null
  error: string | null
  onStart: (body: RunCreateParams, options: StartOptions) => void
  onNewThread?: () => void
}) {
  const id = useId()
  const assistant = assistants?.find((a) => a.id === assistantId) ?? assistants?.[0] ?? null
  const effectiveId = assistant?.id ?? ''
  const assistantName = assistant?.name ?? ''

  // A message that fits the chosen scenario, until the user writes their own.
  useEffect(() => {
    if (touched || !assistantName) return
    const suggestion = defaultMessages[assistantName] ?? 'Hello! Who are you?'
    if (suggestion !== message) update({ message: suggestion })
  }, [assistantName, touched, message, update])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!effectiveId || busy || blocked || message.trim() === '') return
    armFault(dropStream && backend === 'simulator' ? `cut-after=${CUT_AFTER}` : null)
    onStart(
      { assistant_id: effectiveId, additional_messages: [{ role: 'user', content: message.trim() }] },
      { approval: approval && !autoTools, autoTools },
    )
  }

  return (
    <form className="app-panel app-composer" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>New run</h2>
      <div className="app-field">
        <label htmlFor={`${id}-assistant`}>Assistant</label>
        <select
          id={`${id}-assistant`}
          value={effectiveId}
          disabled={!assistants}
          onChange={(e) => update({ assistantId: e.target.value })}
          aria-describedby={`${id}-assistant-help`}
        >
          {!assistants && <option value="">Loading…</option>}
          {assistants?.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name ?? a.id}
            </option>
          ))}
        </select>
        <p id={`${id}-assistant-help`} className="app-help">
          {assistant?.description ?? (assistant ? assistant.model : '')}
        </p>
      </div>
      <div className="app-field">
        <label htmlFor={`${id}-message`}>Message</label>
        <textarea
          id={`${id}-message`}
          rows={3}
          value={message}
          onChange={(e) => update({ message: e.target.value, touched: true })}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) submit(e)
          }}
        />
      </div>
      <fieldset className="app-options">
        <legend>Options</legend>
        <label className="app-check">
          <input
            type="checkbox"
            checked={approval && !autoTools}
            disabled={autoTools}
            onChange={(e) => update({ approval: e.target.checked })}
          />
          Ask for approval before answering tool calls
        </label>
        <label className="app-check">
          <input
            type="checkbox"
            checked={autoTools}
            onChange={(e) => update({ autoTools: e.target.checked })}
          />
          Answer tool calls automatically with the demo's functions
        </label>
        {backend === 'simulator' && (
          <label className="app-check">
            <input
              type="checkbox"
              checked={dropStream}
              onChange={(e) => update({ dropStream: e.target.checked })}
            />
            Drop the stream after {CUT_AFTER} events (simulated fault)
          </label>
        )}
      </fieldset>
      {error && (
        <p className="app-error" role="alert">
          {error}
        </p>
      )}
      <div className="app-actions">
        <button
          type="submit"
          className="rl-button"
          data-variant="primary"
          disabled={!assistants || busy || blocked !== null || message.trim() === ''}
          aria-describedby={`${id}-blocked`}
        >
          Start run
        </button>
        {onNewThread && (
          <button type="button" className="rl-button" onClick={onNewThread} disabled={busy}>
            New thread
          </button>
        )}
      </div>
      {/* Always there, so that a screen reader hears the reason when it appears. */}
      <p id={`${id}-blocked`} className="app-muted app-blocked" role="status">
        {blocked}
      </p>
    </form>
  )
}
