import type { ResponseCreateParams } from '@runlens/client'
import { type FormEvent, type KeyboardEvent, useEffect, useId } from 'react'
import type { Model } from './api.js'
import {
  ComposerOptions,
  type ComposerOptionsState,
  type StartOptions,
  startOptionsOf,
} from './ComposerOptions.js'
import { armDropFault } from './client.js'
import { keepInUrl, readUrlParam, urlParams } from './demoSettings.js'
import { MessageField } from './MessageField.js'
import { demoFunctionTools } from './tools.js'

/** A model no scenario scripts: the simulator answers in text, or calls a function it is offered. */
export const DEFAULT_MODEL = 'gpt-4o-mini'

export interface ResponseComposerState extends ComposerOptionsState {
  model: string
  message: string
  touched: boolean
  /** Send the demo's functions as the response's tools. */
  offerTools: boolean
}

export type ResponseComposerControl = [ResponseComposerState, (patch: Partial<ResponseComposerState>) => void]

export function initialResponseComposer(): ResponseComposerState {
  return {
    model: readUrlParam('model') ?? DEFAULT_MODEL,
    message: '',
    touched: false,
    approval: urlParams.has('approval'),
    autoTools: false,
    dropStream: false,
    offerTools: true,
  }
}

const defaultMessages: Record<string, string> = {
  'sim-parallel-calls': "What's the weather and the time in Paris?",
  'sim-slow': 'Write me a long answer.',
  'sim-incomplete': 'Write me a long answer.',
  'sim-server-error': 'Tell me something.',
  'sim-stream-error': 'Tell me something.',
}

/** The message that fits a model, until the user writes their own. */
function suggestionFor(model: string, offerTools: boolean): string {
  return defaultMessages[model] ?? (offerTools ? "What's the weather in Paris?" : 'Hello! Who are you?')
}

/** The default model first, then the listed ones (the simulator's scripted behaviours). */
function modelChoices(models: Model[] | null): Model[] {
  const listed = (models ?? []).filter((m) => m.id !== DEFAULT_MODEL)
  return [
    {
      id: DEFAULT_MODEL,
      description: 'Not scripted: answers in text, or calls one of the functions when they are offered.',
    },
    ...listed,
  ]
}

/** The Responses composer: a model, a message, the options, and whether to offer the functions. */
export function ResponseComposer({
  control: [form, update],
  models,
  blocked,
  onStart,
}: {
  control: ResponseComposerControl
  /** `GET /v1/models`, once it answered (`null` before, or when it failed: the default stays). */
  models: Model[] | null
  /** Why no response can start now (one is under way), shown next to the disabled Start. */
  blocked: string | null
  onStart: (body: ResponseCreateParams, options: StartOptions) => void
}) {
  const { model, message, touched, offerTools } = form
  const id = useId()
  const choices = modelChoices(models)
  // A model the URL named that the server does not list is still sent as it is.
  const shown = choices.some((m) => m.id === model) ? choices : [...choices, { id: model }]
  const description = shown.find((m) => m.id === model)?.description ?? ''

  useEffect(() => {
    if (touched) return
    const suggestion = suggestionFor(model, offerTools)
    if (suggestion !== message) update({ message: suggestion })
  }, [model, offerTools, touched, message, update])

  const submit = (event: FormEvent | KeyboardEvent) => {
    event.preventDefault()
    if (blocked || message.trim() === '') return
    armDropFault(form.dropStream)
    onStart(
      { model, input: message.trim(), background: true, ...(offerTools && { tools: demoFunctionTools }) },
      startOptionsOf(form),
    )
  }

  return (
    <form className="app-panel app-composer" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>New response</h2>
      <div className="app-field">
        <label htmlFor={`${id}-model`}>Model</label>
        <select
          id={`${id}-model`}
          value={model}
          onChange={(e) => {
            // In the URL too, so that a reload (which resumes the response) keeps the model shown.
            keepInUrl('model', e.target.value === DEFAULT_MODEL ? null : e.target.value)
            update({ model: e.target.value })
          }}
          aria-describedby={`${id}-model-help`}
        >
          {shown.map((m) => (
            <option key={m.id} value={m.id}>
              {m.id}
            </option>
          ))}
        </select>
        <p id={`${id}-model-help`} className="app-help">
          {description}
        </p>
      </div>
      <MessageField
        id={`${id}-message`}
        value={message}
        onChange={(text) => update({ message: text, touched: true })}
        onSubmit={submit}
      />
      <ComposerOptions value={form} onChange={update}>
        <label className="app-check">
          <input
            type="checkbox"
            checked={offerTools}
            onChange={(e) => update({ offerTools: e.target.checked })}
          />
          Offer the demo's functions as tools (get_current_weather, get_local_time, lookup_order)
        </label>
      </ComposerOptions>
      <div className="app-actions">
        <button
          type="submit"
          className="rl-button"
          data-variant="primary"
          disabled={blocked !== null || message.trim() === ''}
          aria-describedby={`${id}-blocked`}
        >
          Start response
        </button>
      </div>
      {/* Always there, so that a screen reader hears the reason when it appears. */}
      <p id={`${id}-blocked`} className="app-muted app-blocked" role="status">
        {blocked}
      </p>
    </form>
  )
}
