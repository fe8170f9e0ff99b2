import type { ReactNode } from 'react'
import type { StepsLabels } from './defaultLabels.js'
import { Code, Empty, Item, Unreadable } from './parts.js'

// The panels of the steps timeline that both protocols' tool calls show in.

/** The frame every tool call shows in: its type (`data-type`), a title, then its details. */
export function ToolCallPanel({
  type,
  title,
  children,
}: {
  type: string
  title: ReactNode
  children?: ReactNode
}) {
  return (
    <div className="rl-tool" data-type={type}>
      <p className="rl-tool__title">{title}</p>
      {children}
    </div>
  )
}

/**
 * A function call: its name, arguments (pretty JSON) and output. A run's step holds the output in
 * the call; a response's comes from the `function_call_output` item that answers it.
 * `readable: false` when the call has no fields to read at all.
 */
export function FunctionCallPanel({
  name,
  args,
  output,
  readable,
  labels,
}: {
  name: string | null
  args: unknown
  output: unknown
  readable: boolean
  labels: StepsLabels
}) {
  const unreadable = <Unreadable>{labels.unreadable}</Unreadable>
  return (
    <ToolCallPanel
      type="function"
      title={
        <>
          {labels.functionCall} {name !== null ? <code className="rl-tool__name">{name}</code> : unreadable}
        </>
      }
    >
      {readable ? (
        <dl className="rl-tool__details">
          <Item label={labels.arguments}>{args !== undefined ? <Code text={args} json /> : unreadable}</Item>
          <Item label={labels.output}>
            {output == null ? <Empty>{labels.noOutput}</Empty> : <Code text={output} />}
          </Item>
        </dl>
      ) : (
        <p className="rl-note">{unreadable}</p>
      )}
    </ToolCallPanel>
  )
}
