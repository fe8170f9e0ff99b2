'use client'

import type { Message } from '@runlens/client'
import type { ComponentPropsWithoutRef, ReactNode } from 'react'
import { Fragment, forwardRef } from 'react'
import { cx } from './cx.js'
import { type MessageLabels, messageLabels, type PartialLabels } from './defaultLabels.js'
import { useLabels } from './RunlensLabelsProvider.js'
import { useAnnouncement } from './useAnnouncement.js'
import { VisuallyHidden } from './VisuallyHidden.js'

export interface MessageTextProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** Plain text to show, e.g. text streamed so far. Takes precedence over `message`. */
  text?: string
  /** A message whose text, refusal and image parts are shown (images as placeholders, never fetched). */
  message?: Message | null
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

/** The text of a message in order: text parts, refusals, and placeholders for images. */
export function messagePlainText(
  message: Message,
  labels: Pick<MessageLabels, 'imageFile' | 'imageUrl' | 'refusal'>,
) {
  return message.content
    .map((part) => {
      switch (part.type) {
        case 'text':
          return part.text.value
        case 'refusal':
          return `${labels.refusal}: ${part.refusal}`
        case 'image_file':
          return labels.imageFile(part.image_file.file_id)
        case 'image_url':
          return labels.imageUrl(part.image_url.url)
        default:
          return ''
      }
    })
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
  const streaming = streamingProp ?? message?.status === 'in_progress'
  const content = text ?? (message ? messagePlainText(message, labels) : '')
  // Only the end of a stream is announced: announcing each delta would drown every other announcement.
  const announced = useAnnouncement(streaming, announce && !streaming ? content : '')

  const role = message?.role
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
      {showRole && role && <p className="rl-message__role">{labels.roles[role] ?? role}</p>}
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
