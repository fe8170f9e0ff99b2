import type { RunCreateParams } from '@runlens/client'
import { useCreateThread } from '@runlens/react'
import { useCallback, useEffect, useState } from 'react'
import {
  AssistantComposer,
  type ComposerControl,
  type ComposerState,
  initialComposer,
} from './AssistantComposer.js'
import { type Assistant, listAssistants } from './api.js'
import { keepInUrl, readUrlParam } from './demoSettings.js'
import { ThreadView } from './ThreadView.js'

interface ThreadState {
  id: string
  /** The run to start once the thread's view is mounted (the first run of a new thread). */
  first: RunCreateParams | null
}

/**
 * The Assistants mode: a composer, then a thread (`?thread=` keeps it over a reload) with its
 * streamed run in the connected monitor and its earlier runs in a list.
 */
export function AssistantsWorkspace() {
  const [form, setForm] = useState(initialComposer)
  const update = useCallback((patch: Partial<ComposerState>) => setForm((f) => ({ ...f, ...patch })), [])
  const composer: ComposerControl = [form, update]
  const [assistants, setAssistants] = useState<Assistant[] | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  // `?thread=` reopens a thread after a reload (the simulator keeps it while the dev server runs).
  const [thread, setThreadState] = useState<ThreadState | null>(() => {
    const id = readUrlParam('thread')
    return id ? { id, first: null } : null
  })
  const setThread = useCallback((next: ThreadState | null) => {
    keepInUrl('thread', next?.id ?? null)
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
          <AssistantComposer
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
