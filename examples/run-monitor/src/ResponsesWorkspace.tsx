import type { ResponseCreateParams } from '@runlens/client'
import { type ResponseStreamState, RunMonitor, useResponseStream } from '@runlens/react'
import { useCallback, useEffect, useState } from 'react'
import { useStore } from 'zustand'
import { listModels, type Model } from './api.js'
import type { StartOptions } from './ComposerOptions.js'
import {
  initialResponseComposer,
  ResponseComposer,
  type ResponseComposerControl,
  type ResponseComposerState,
} from './ResponseComposer.js'
import { demoTools } from './tools.js'
import { UserPrompt } from './UserPrompt.js'

/** Where `useResponseStream` keeps the response in flight, so that a reload resumes it. */
const RESUME_KEY = 'runlens-demo'
/** What the demo itself keeps of the last start (the prompt, its options), for that same reload. */
const STARTED_KEY = 'runlens-demo-started'

interface Started {
  prompt: string
  options: StartOptions
}

function loadStarted(): Started | null {
  try {
    const value: unknown = JSON.parse(sessionStorage.getItem(STARTED_KEY) ?? 'null')
    if (!value || typeof value !== 'object') return null
    const { prompt, options } = value as Partial<Started>
    if (typeof prompt !== 'string' || typeof options?.approval !== 'boolean') return null
    return { prompt, options: { approval: options.approval, autoTools: options.autoTools === true } }
  } catch {
    return null
  }
}

function saveStarted(started: Started): void {
  try {
    sessionStorage.setItem(STARTED_KEY, JSON.stringify(started))
  } catch {
    // Storage full or refused: a reload then shows the resumed response without its prompt.
  }
}

const selectConnection = (s: ResponseStreamState) => s.connection
const selectChain = (s: ResponseStreamState) => s.responseIds

/**
 * The Responses mode: a background response streamed into the connected monitor, its function
 * calls answered through the form or the demo's handlers (each answer is a follow-up response of
 * the same chain). `resumeKey` keeps the response in flight: a reload joins its stream again (from
 * its first event, caught up at once to where the page was), and the text is not doubled.
 */
export function ResponsesWorkspace() {
  const [form, setForm] = useState(initialResponseComposer)
  const update = useCallback(
    (patch: Partial<ResponseComposerState>) => setForm((f) => ({ ...f, ...patch })),
    [],
  )
  const composer: ResponseComposerControl = [form, update]
  const [models, setModels] = useState<Model[] | null>(null)

  useEffect(() => {
    const controller = new AbortController()
    // Without the list (a server with no models route) the default model is still there.
    listModels(controller.signal).then(setModels, () => undefined)
    return () => controller.abort()
  }, [])

  // What the last start asked for; after a reload, what the resumed one had asked for.
  const [started, setStarted] = useState<Started | null>(loadStarted)
  const [startedHere, setStartedHere] = useState(false)
  const [starting, setStarting] = useState(false)
  const options = started?.options ?? { approval: false, autoTools: false }
  const stream = useResponseStream({
    resumeKey: RESUME_KEY,
    select: selectConnection,
    ...(options.autoTools && { tools: demoTools }),
  })
  const chain = useStore(stream.store, selectChain)
  const connection = stream.state
  const live = connection === 'streaming' || connection === 'polling'
  // Something is shown that this page did not start: the stream resumed after a reload.
  const resumed = !startedHere && connection !== 'idle'

  const start = (body: ResponseCreateParams, next: StartOptions) => {
    const prompt = typeof body.input === 'string' ? body.input : ''
    const now = { prompt, options: next }
    saveStarted(now)
    setStarted(now)
    setStartedHere(true)
    setStarting(true)
    void stream.start(body).finally(() => setStarting(false))
  }

  return (
    <main className="app-main">
      <aside className="app-side">
        <ResponseComposer
          control={composer}
          models={models}
          blocked={live || starting ? 'A response is in progress.' : null}
          onStart={start}
        />
      </aside>
      <div className="app-content">
        {startedHere || resumed ? (
          <>
            {resumed && (
              <p className="app-muted app-resumed">
                Resumed after reload: the response's stream was joined again, and its text shows once.
              </p>
            )}
            {started?.prompt && <UserPrompt text={started.prompt} />}
            <RunMonitor protocol="responses" stream={stream} requireApproval={options.approval} />
            {chain.length > 1 && (
              <p className="app-muted app-chain">
                <span>Responses of this run:</span>{' '}
                {chain.map((id, i) => (
                  <span key={id}>
                    {i > 0 && ' → '}
                    <code>{id}</code>
                  </span>
                ))}
              </p>
            )}
          </>
        ) : (
          <div className="app-panel app-empty">
            <h2>No response yet</h2>
            <p>
              Pick a model, write a message and start a background response. A reload while it streams picks
              it up again where it was.
            </p>
          </div>
        )}
      </div>
    </main>
  )
}
