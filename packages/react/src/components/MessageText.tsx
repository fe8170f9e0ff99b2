'use client'

import type { Message, ResponseOutputMessage } from '@runlens/client'
import type { ComponentPropsWithoutRef, ReactNode } from 'react'
import { Fragment, forwardRef } from 'react'
import { cx } from './cx.js'
import { type MessageLabels, messageLabels, type PartialLabels } from './defaultLabels.js'
import { useLabels } from './RunlensLabelsProvider.js'
import { readArray, readObject, readString } from './read.js'
import { useAnnouncement } from './useAnnouncement.js'
import { VisuallyHidden } from './VisuallyHidden.js'

export interface MessageTextProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** Plain text to show, e.g. text streamed so far. Takes precedence over `message`. */
  text?: string
  /**
   * A message whose text, refusal and image parts are shown (images as placeholders, never
   * fetched): an Assistants `Message`, or a `message` item of a response's output.
   */
  message?: Message | ResponseOutputMessage | null
  /** Text is still arriving. Default: `message.status === 'in_progress'`, else `false`. */
  streaming?: boolean
  /**
   * Tell screen readers the whole text once, when streaming ends, rather than every delta (which
   * would flood them). Default `true`; set `false` when something else announces the answer.
   */
  announce?: boolean
  /** Show who wrote the message (`message.role`). Default `false`. */
  showRole?: boolean
  /** Replaces any of the component's words. Default: the provider's, else English. */
  labels?: PartialLabels<MessageLabels>
}

/** One content part as text; `null` for a part of the wire's kinds whose fields cannot be read. */
function partText(
  part: unknown,
  labels: Pick<MessageLabels, 'imageFile' | 'imageUrl' | 'refusal'>,
): string | null {
  const p = readObject(part)
  if (!p) return null
  switch (p.type) {
    case 'text':
      return readString(readObject(p.text)?.value)
    // A response's text part holds its text as a string, where a run's message nests it in `text.value`.
    case 'output_text':
      return readString(p.text)
    case 'refusal': {
      const refusal = readString(p.refusal)
      return refusal === null ? null : `${labels.refusal}: ${refusal}`
    }
    case 'image_file': {
      const id = readString(readObject(p.image_file)?.file_id)
      return id === null ? null : labels.imageFile(id)
    }
    case 'image_url': {
      const url = readString(readObject(p.image_url)?.url)
      return url === null ? null : labels.imageUrl(url)
    }
    default:
      // A part type a newer server added: nothing to show, and nothing wrong either.
      return ''
  }
}

/**
 * The text of a message (Assistants, or a response's `message` item) in order: text parts,
 * refusals, and placeholders for images. Content or a part that cannot be read (`content: null`,
 * a text part without `text`) becomes `labels.unreadable`.
 */
export function messagePlainText(
  message: Message | ResponseOutputMessage,
  labels: Pick<MessageLabels, 'imageFile' | 'imageUrl' | 'refusal'> &
    Partial<Pick<MessageLabels, 'unreadable'>>,
) {
  const unreadable = labels.unreadable ?? messageLabels.unreadable
  const content = readArray(readObject(message)?.content)
  if (!content) return unreadable
  return content
    .map((part) => partText(part, labels) ?? unreadable)
    .filter(Boolean)
    .join('\n\n')
}

/** Paragraphs on blank lines and line breaks inside them, so the text reads right even unstyled. */
function paragraphs(text: string): ReactNode {
  return text.split(/\n{2,}/).map((para, i) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of one text only ever grow at the end
    <p key={i} className="rl-message__paragraph">
      {para.split('\n').map((line, j) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: same as above
        <Fragment key={j}>
          {j > 0 && <br />}
          {line}
        </Fragment>
      ))}
    </p>
  ))
}

/**
 * Message text, always rendered as text (never as HTML). While it streams, `data-state` is
 * `streaming` and `aria-busy` is set; a polite live region speaks the whole text once it is done.
 */
export const MessageText = forwardRef<HTMLDivElement, MessageTextProps>(function MessageText(
  {
    text,
    message,
    streaming: streamingProp,
    announce = true,
    showRole = false,
    labels: labelsProp,
    className,
    ...props
  },
  ref,
) {
  const labels = useLabels('message', messageLabels, labelsProp)
  const read = readObject(message)
  const streaming = streamingProp ?? read?.status === 'in_progress'
  const content = readString(text) ?? (message ? messagePlainText(message, labels) : '')
  // Only the end of a stream is announced: announcing each delta would drown every other announcement.
  const announced = useAnnouncement(streaming, announce && !streaming ? content : '')

  const role = readString(read?.role) ?? undefined
  const state = streaming ? 'streaming' : content ? 'complete' : 'empty'
  return (
    <div
      ref={ref}
      className={cx('rl-message', className)}
      data-state={state}
      data-role={role}
      aria-busy={streaming || undefined}
      {...props}
    >
      {showRole && role && (
        <p className="rl-message__role">
          {(Object.hasOwn(labels.roles, role) && labels.roles[role]) || role}
        </p>
      )}
      <div className="rl-message__text">
        {content ? (
          paragraphs(content)
        ) : (
          <p className="rl-empty">{streaming ? labels.streaming : labels.empty}</p>
        )}
      </div>
      {announce && (
        <VisuallyHidden aria-live="polite" aria-atomic="true" className="rl-message__announcer">
          {announced}
        </VisuallyHidden>
      )}
    </div>
  )
})
