import type { RunCreateParams } from '@runlens/client'
import {
  RunList,
  RunMonitor,
  type RunStreamState,
  selectRun,
  startBlocker,
  useRunList,
  useRunStream,
} from '@runlens/react'
import { useEffect, useRef, useState } from 'react'
import { useStore } from 'zustand'
import { AssistantComposer, type ComposerControl } from './AssistantComposer.js'
import type { Assistant } from './api.js'
import type { StartOptions } from './ComposerOptions.js'
import { PAGE_SIZE } from './demoSettings.js'
import { demoTools } from './tools.js'
import { UserPrompt } from './UserPrompt.js'

function promptOf(body: RunCreateParams | null): string {
  const content = body?.additional_messages?.at(-1)?.content
  return typeof content === 'string' ? content : ''
}

const selectConnection = (s: RunStreamState) => s.connection

/** One thread: its streamed run in the monitor, its runs in a list, the composer beside them. */
export function ThreadView({
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
        <AssistantComposer
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
            {prompt && <UserPrompt text={prompt} />}
            <RunMonitor threadId={threadId} stream={stream} requireApproval={requireApproval} />
          </>
        )}
        {runs}
      </div>
    </main>
  )
}
