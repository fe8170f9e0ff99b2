import type { RunCreateParams } from '@runlens/client'
import { type FormEvent, type KeyboardEvent, useEffect, useId } from 'react'
import type { Assistant } from './api.js'
import {
  ComposerOptions,
  type ComposerOptionsState,
  type StartOptions,
  startOptionsOf,
} from './ComposerOptions.js'
import { armDropFault } from './client.js'
import { urlParams } from './demoSettings.js'
import { MessageField } from './MessageField.js'

export interface ComposerState extends ComposerOptionsState {
  assistantId: string
  message: string
  touched: boolean
}

export type ComposerControl = [ComposerState, (patch: Partial<ComposerState>) => void]

export function initialComposer(): ComposerState {
  const wanted = urlParams.get('assistant')
  return {
    assistantId: wanted ? (wanted.startsWith('asst_') ? wanted : `asst_${wanted}`) : '',
    message: '',
    touched: false,
    approval: urlParams.has('approval'),
    autoTools: false,
    dropStream: false,
  }
}

const defaultMessages: Record<string, string> = {
  function_call: "What's the weather in Paris?",
  parallel_function_calls: "What's the weather and the time in Paris?",
  expired: 'Where is my order A-1001?',
  code_interpreter: 'What is 10 factorial?',
  file_search: 'How does a run end?',
}

/** The Assistants composer: an assistant (a simulator scenario), a message, the options. */
export function AssistantComposer({
  control: [form, update],
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
  const { assistantId, message, touched } = form
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

  const submit = (event: FormEvent | KeyboardEvent) => {
    event.preventDefault()
    if (!effectiveId || busy || blocked || message.trim() === '') return
    armDropFault(form.dropStream)
    onStart(
      { assistant_id: effectiveId, additional_messages: [{ role: 'user', content: message.trim() }] },
      startOptionsOf(form),
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
      <MessageField
        id={`${id}-message`}
        value={message}
        onChange={(text) => update({ message: text, touched: true })}
        onSubmit={submit}
      />
      <ComposerOptions value={form} onChange={update} />
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
