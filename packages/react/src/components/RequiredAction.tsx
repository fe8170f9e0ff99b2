'use client'

import type { RunToolCall, ToolOutput } from '@runlens/client'
import type { ComponentPropsWithoutRef, FormEvent } from 'react'
import { forwardRef, useId, useState } from 'react'
import { cx } from './cx.js'
import { type PartialLabels, type RequiredActionLabels, requiredActionLabels } from './defaultLabels.js'
import { formatCountdown, isoFromUnix } from './format.js'
import { Heading, type HeadingLevel } from './Heading.js'
import { Code, Item, Unreadable } from './parts.js'
import { useLabels } from './RunlensLabelsProvider.js'
import { isObject, readArray, readObject, readString, readUnixTime } from './read.js'
import { useNow } from './useNow.js'

/** A call as the form reads it: `id` and `name` null when the call does not carry them as strings. */
interface ReadCall {
  id: string | null
  /** The field's name and the key of its output: the call's id, else one made from its place. */
  key: string
  name: string | null
  arguments: unknown
}

function readCall(call: unknown, index: number): ReadCall {
  const c = readObject(call)
  const fn = readObject(c?.function)
  const id = readString(c?.id)
  return {
    id,
    key: id ?? `#${index}`,
    name: readString(fn?.name),
    arguments: fn ? fn.arguments : undefined,
  }
}

/** Where the optional approval step stands. */
export type ApprovalState = 'pending' | 'approved' | 'denied'

export interface RequiredActionProps
  extends Omit<ComponentPropsWithoutRef<'form'>, 'onSubmit' | 'children' | 'noValidate'> {
  /** The pending calls: `run.required_action.submit_tool_outputs.tool_calls`. */
  toolCalls: RunToolCall[]
  /** Called once with one output per call, in the calls' order; never with an output missing. */
  onSubmit?: (outputs: ToolOutput[]) => void
  /** Disables the form while the outputs are being sent. Default `false`. */
  submitting?: boolean
  /** `run.expires_at` (Unix seconds): shown as a countdown; at zero the form is disabled. Default: none. */
  expiresAt?: number | null
  /** The clock, in ms since the epoch. Default `Date.now`. */
  now?: () => number
  /** How often the countdown redraws, in ms. Default 1000. */
  tickMs?: number
  /** Ask the user to approve the calls before any output can be entered. Default `false`. */
  requireApproval?: boolean
  /** The approval step's state, when the parent controls it. Default: kept inside, starting `pending`. */
  approval?: ApprovalState
  /** Called when the user approves the calls. */
  onApprove?: () => void
  /** Called when the user denies the calls (the parent decides what that means: cancel, or submit refusals). */
  onDeny?: () => void
  /** Initial outputs by tool call id. Default: empty. */
  defaultOutputs?: Record<string, string>
  /** The level of the panel's heading. Default 3. */
  headingLevel?: HeadingLevel
  /** Replaces any of the panel's words. Default: the provider's, else English. */
  labels?: PartialLabels<RequiredActionLabels>
}

/** An output by call id, never one of Object.prototype's members (a call id may be `valueOf`). */
function own(outputs: Record<string, string>, key: string): string | undefined {
  return Object.hasOwn(outputs, key) ? outputs[key] : undefined
}

/** The string entries of `defaultOutputs` (a value of another type would break the form's `trim`). */
function stringsOf(outputs: unknown): Record<string, string> {
  if (!isObject(outputs)) return {}
  return Object.fromEntries(
    Object.entries(outputs).filter((entry) => typeof entry[1] === 'string'),
  ) as Record<string, string>
}

/**
 * The tool calls a run waits for, with one output field each and a single submission of all
 * outputs. `data-state` is `pending-approval`, `editing`, `submitting`, `denied` or `expired`.
 */
export const RequiredAction = forwardRef<HTMLFormElement, RequiredActionProps>(function RequiredAction(
  {
    toolCalls,
    onSubmit,
    submitting = false,
    expiresAt = null,
    now,
    tickMs,
    requireApproval = false,
    approval: approvalProp,
    onApprove,
    onDeny,
    defaultOutputs,
    headingLevel = 3,
    labels: labelsProp,
    className,
    ...props
  },
  ref,
) {
  const labels = useLabels('requiredAction', requiredActionLabels, labelsProp)
  const callList = readArray(toolCalls)
  const calls = (callList ?? []).map(readCall)
  // A call without an id cannot be answered: the API names each output by its call's id.
  const answerable = callList !== null && calls.every((call) => call.id !== null)
  const id = useId()
  const [outputs, setOutputs] = useState<Record<string, string>>(() => stringsOf(defaultOutputs))
  const [showMissing, setShowMissing] = useState(false)
  const [approvalInner, setApprovalInner] = useState<ApprovalState>('pending')

  const approval: ApprovalState = requireApproval ? (approvalProp ?? approvalInner) : 'approved'
  const approved = approval === 'approved'
  const deadline = readUnixTime(expiresAt)
  const time = useNow(deadline !== null, now, tickMs)
  const remaining = deadline !== null ? deadline - time / 1000 : null
  const expired = remaining != null && remaining <= 0

  const missing = calls.filter((call) => !own(outputs, call.key)?.trim())
  const invalid = showMissing && missing.length > 0
  const state = expired
    ? 'expired'
    : approval === 'denied'
      ? 'denied'
      : approval === 'pending'
        ? 'pending-approval'
        : submitting
          ? 'submitting'
          : 'editing'

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (state !== 'editing' || !answerable) return
    const first = missing[0]
    if (first) {
      setShowMissing(true)
      // Each output field is named by its call id.
      const field = event.currentTarget.elements.namedItem(first.key)
      if (field instanceof HTMLElement) field.focus()
      return
    }
    onSubmit?.(calls.map((call) => ({ tool_call_id: call.key, output: own(outputs, call.key) ?? '' })))
  }

  function approve() {
    setApprovalInner('approved')
    onApprove?.()
  }

  function deny() {
    setApprovalInner('denied')
    onDeny?.()
  }

  return (
    <form
      ref={ref}
      className={cx('rl-action', className)}
      data-state={state}
      data-invalid={invalid ? '' : undefined}
      aria-busy={submitting || undefined}
      // Named by its title, so that it is a form landmark (an unnamed <form> has no role); a
      // caller's aria-label would lose to aria-labelledby, so it replaces the title instead.
      aria-labelledby={props['aria-label'] ? undefined : `${id}-title`}
      noValidate
      onSubmit={submit}
      {...props}
    >
      <div className="rl-action__header">
        <Heading level={headingLevel} id={`${id}-title`} className="rl-action__title">
          {labels.title}
        </Heading>
        {deadline !== null && (
          <p className="rl-action__deadline" data-expired={expired ? '' : undefined}>
            {expired ? (
              labels.expired
            ) : (
              <time dateTime={isoFromUnix(deadline)}>
                {labels.expiresIn(formatCountdown(remaining ?? 0))}
              </time>
            )}
          </p>
        )}
      </div>
      {/* Calls that are not a list: the note by the submit button says it all. */}
      {callList && <p className="rl-action__intro">{labels.intro(calls.length)}</p>}
      <fieldset className="rl-action__fieldset" disabled={submitting || expired || approval === 'denied'}>
        <ol className="rl-action__calls">
          {calls.map((call, index) => {
            const fieldId = `${id}-output-${index}`
            const errorId = `${fieldId}-error`
            const isMissing = showMissing && missing.includes(call)
            // The output's label names the call by its id when its function name cannot be read.
            const name = call.name ?? call.id ?? `#${index + 1}`
            return (
              <li
                // biome-ignore lint/suspicious/noArrayIndexKey: with the index, two calls with one id (a broken server) must not share a React key.
                key={`${index} ${call.key}`}
                className="rl-action__call"
                data-invalid={isMissing ? '' : undefined}
                data-unreadable={call.id === null || call.name === null ? '' : undefined}
              >
                <dl className="rl-action__meta">
                  <Item label={labels.functionName}>
                    {call.name !== null ? (
                      <code className="rl-action__name">{call.name}</code>
                    ) : (
                      <Unreadable>{labels.unreadable}</Unreadable>
                    )}
                  </Item>
                  <Item label={labels.callId}>
                    {call.id !== null ? <code>{call.id}</code> : <Unreadable>{labels.unreadable}</Unreadable>}
                  </Item>
                  <Item label={labels.arguments} className="rl-action__args-row">
                    {call.arguments !== undefined ? (
                      <Code text={call.arguments} json invalid={labels.invalidJson} />
                    ) : (
                      <Unreadable>{labels.unreadable}</Unreadable>
                    )}
                  </Item>
                </dl>
                {approved && (
                  <div className="rl-field">
                    <label htmlFor={fieldId} className="rl-field__label">
                      {labels.output(name, index, calls.length)}
                    </label>
                    <textarea
                      id={fieldId}
                      className="rl-field__input"
                      name={call.key}
                      rows={3}
                      value={own(outputs, call.key) ?? ''}
                      required
                      aria-invalid={isMissing || undefined}
                      aria-describedby={isMissing ? errorId : undefined}
                      onChange={(e) => {
                        const value = e.target.value
                        setOutputs((prev) => ({ ...prev, [call.key]: value }))
                      }}
                    />
                    {isMissing && (
                      <p id={errorId} className="rl-field__error">
                        {labels.missingOne}
                      </p>
                    )}
                  </div>
                )}
              </li>
            )
          })}
        </ol>
        {approval === 'pending' && (
          <fieldset className="rl-action__approval">
            <legend className="rl-action__prompt">{labels.approvalPrompt}</legend>
            <div className="rl-actions">
              <button type="button" className="rl-button" data-variant="primary" onClick={approve}>
                {labels.approve}
              </button>
              <button type="button" className="rl-button" data-variant="danger" onClick={deny}>
                {labels.deny}
              </button>
            </div>
          </fieldset>
        )}
        {approved && (
          <div className="rl-actions">
            <button type="submit" className="rl-button" data-variant="primary" disabled={!answerable}>
              {submitting ? labels.submitting : labels.submit}
            </button>
            {!answerable && <p className="rl-note">{labels.cannotSubmit}</p>}
            {invalid && (
              <p className="rl-field__error" role="alert">
                {labels.missing(missing.length)}
              </p>
            )}
          </div>
        )}
      </fieldset>
      {approval === 'denied' && <p className="rl-action__denied">{labels.denied}</p>}
    </form>
  )
})
