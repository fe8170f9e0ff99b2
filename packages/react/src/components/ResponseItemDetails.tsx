import type { ReactNode } from 'react'
import { CodeInterpreterOutputs } from './CodeInterpreterOutputs.js'
import type { StepsLabels } from './defaultLabels.js'
import { FileSearchResults } from './FileSearchResults.js'
import { Code, Empty, Item, Unreadable } from './parts.js'
import { readArray, readObject, readString } from './read.js'
import { FunctionCallPanel, ToolCallPanel } from './ToolCallPanel.js'

// The details of one output item of a response, in the steps timeline beside a run's steps. Every
// field is read for what it should be: an item of the wrong shape says, in place, what it lacks.

interface DetailsProps {
  /** The item, already read as an object. */
  item: Record<string, unknown>
  /** Its type's words (the entry's title), for the panels that have no title of their own. */
  typeLabel: string
  /** For a `function_call`: the output of the `function_call_output` item that answers it. */
  output: unknown
  labels: StepsLabels
  locale?: string | undefined
}

/** Texts of a list of parts (`summary_text`, `reasoning_text`) as paragraphs; `null` if not a list. */
function partTexts(parts: unknown, unreadable: ReactNode): ReactNode[] | null {
  const list = readArray(parts)
  return (
    list?.map((part, i) => (
      // biome-ignore lint/suspicious/noArrayIndexKey: parts have no id and only grow at the end
      <p key={i} className="rl-tool__text">
        {readString(readObject(part)?.text) ?? unreadable}
      </p>
    )) ?? null
  )
}

/** Strings as a list (search queries); `null` if not a list. */
function stringList(value: unknown, unreadable: ReactNode): ReactNode | null {
  const list = readArray(value)
  if (!list) return null
  return (
    <ul className="rl-tool__queries">
      {list.map((entry, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the same query may come twice
        <li key={i}>{readString(entry) ?? unreadable}</li>
      ))}
    </ul>
  )
}

function Reasoning({ item, labels }: DetailsProps) {
  const unreadable = <Unreadable>{labels.unreadable}</Unreadable>
  const summary = partTexts(item.summary, unreadable)
  // Reasoning text comes only from models that give it out; absent is not unreadable.
  const text = item.content == null ? [] : partTexts(item.content, unreadable)
  return (
    <dl className="rl-tool__details" data-type="reasoning">
      <Item label={labels.summary}>
        {summary === null ? unreadable : summary.length === 0 ? <Empty>{labels.noSummary}</Empty> : summary}
      </Item>
      {(text === null || text.length > 0) && <Item label={labels.reasoningText}>{text ?? unreadable}</Item>}
    </dl>
  )
}

function FileSearch({ item, labels, locale }: DetailsProps) {
  const unreadable = <Unreadable>{labels.unreadable}</Unreadable>
  // `results` is absent unless the response was asked to include them: none, not unreadable.
  const results = item.results == null ? [] : readArray(item.results)
  return (
    <ToolCallPanel type="file_search" title={labels.fileSearch}>
      <dl className="rl-tool__details">
        <Item label={labels.queries}>{stringList(item.queries, unreadable) ?? unreadable}</Item>
      </dl>
      <FileSearchResults results={results} labels={labels} locale={locale} />
    </ToolCallPanel>
  )
}

function WebSearch({ item, typeLabel, labels }: DetailsProps) {
  const unreadable = <Unreadable>{labels.unreadable}</Unreadable>
  const action = readObject(item.action)
  const url = readString(action?.url)
  // `query` is the older field, `queries` the newer: either may come.
  const queries =
    action?.queries !== undefined
      ? (stringList(action.queries, unreadable) ?? unreadable)
      : action?.query !== undefined
        ? (readString(action.query) ?? unreadable)
        : null
  const pattern = action?.pattern !== undefined ? (readString(action.pattern) ?? unreadable) : null
  return (
    <ToolCallPanel type="web_search" title={typeLabel}>
      {action ? (
        <dl className="rl-tool__details">
          {queries !== null && <Item label={labels.queries}>{queries}</Item>}
          {action.url != null && (
            <Item label={labels.url}>{url !== null ? <code>{url}</code> : unreadable}</Item>
          )}
          {pattern !== null && <Item label={labels.pattern}>{pattern}</Item>}
          {queries === null && action.url == null && pattern === null && (
            // An action a newer server added: name it.
            <Item label={labels.input}>{readString(action.type) ?? unreadable}</Item>
          )}
        </dl>
      ) : (
        // Still searching: the action is filled in once the search is done.
        item.action != null && <p className="rl-note">{unreadable}</p>
      )}
    </ToolCallPanel>
  )
}

function CodeInterpreter({ item, labels }: DetailsProps) {
  const unreadable = <Unreadable>{labels.unreadable}</Unreadable>
  // `outputs` is null unless they were asked for, or while the code runs.
  const outputs = item.outputs == null ? [] : readArray(item.outputs)
  return (
    <ToolCallPanel type="code_interpreter" title={labels.codeInterpreter}>
      <dl className="rl-tool__details">
        {item.code !== null && (
          <Item label={labels.input}>{item.code !== undefined ? <Code text={item.code} /> : unreadable}</Item>
        )}
        <Item label={labels.logs}>
          <CodeInterpreterOutputs outputs={outputs} labels={labels} />
        </Item>
      </dl>
    </ToolCallPanel>
  )
}

function McpCall({ item, typeLabel, labels }: DetailsProps) {
  const unreadable = <Unreadable>{labels.unreadable}</Unreadable>
  const name = readString(item.name)
  return (
    <ToolCallPanel
      type="mcp"
      title={
        <>
          {typeLabel} {name !== null ? <code className="rl-tool__name">{name}</code> : unreadable}
        </>
      }
    >
      <dl className="rl-tool__details">
        <Item label={labels.server}>{readString(item.server_label) ?? unreadable}</Item>
        <Item label={labels.arguments}>
          {item.arguments !== undefined ? <Code text={item.arguments} json /> : unreadable}
        </Item>
        {item.error != null ? (
          <Item label={labels.error}>
            <Code text={item.error} />
          </Item>
        ) : (
          <Item label={labels.output}>
            {item.output == null ? <Empty>{labels.noOutput}</Empty> : <Code text={item.output} />}
          </Item>
        )}
      </dl>
    </ToolCallPanel>
  )
}

function CustomToolCall({ item, typeLabel, labels }: DetailsProps) {
  const unreadable = <Unreadable>{labels.unreadable}</Unreadable>
  const name = readString(item.name)
  return (
    <ToolCallPanel
      type="custom"
      title={
        <>
          {typeLabel} {name !== null ? <code className="rl-tool__name">{name}</code> : unreadable}
        </>
      }
    >
      <dl className="rl-tool__details">
        <Item label={labels.input}>{item.input !== undefined ? <Code text={item.input} /> : unreadable}</Item>
      </dl>
    </ToolCallPanel>
  )
}

/** A `function_call_output` whose call is not in the list: the call it answers, and the output. */
function LoneOutput({ item, labels }: DetailsProps) {
  const unreadable = <Unreadable>{labels.unreadable}</Unreadable>
  const callId = readString(item.call_id)
  return (
    <dl className="rl-tool__details">
      <Item label={labels.callId}>{callId !== null ? <code>{callId}</code> : unreadable}</Item>
      <Item label={labels.output}>{item.output != null ? <Code text={item.output} /> : unreadable}</Item>
    </dl>
  )
}

/**
 * What a response's output item holds, by its type. A `message` names its id, as a run's
 * `message_creation` step does (its text is the answer, shown by MessageText). A type this
 * version does not know shows nothing more than its name, in the entry's title.
 */
export function ResponseItemDetails(props: DetailsProps) {
  const { item, output, labels } = props
  switch (item.type) {
    case 'message': {
      const id = readString(item.id)
      return (
        <p className="rl-step__message">
          {labels.messageId} {id !== null ? <code>{id}</code> : <Unreadable>{labels.unreadable}</Unreadable>}
        </p>
      )
    }
    case 'reasoning':
      return <Reasoning {...props} />
    case 'function_call':
      return (
        <FunctionCallPanel
          name={readString(item.name)}
          args={item.arguments}
          output={output}
          readable
          labels={labels}
        />
      )
    case 'function_call_output':
      return <LoneOutput {...props} />
    case 'file_search_call':
      return <FileSearch {...props} />
    case 'web_search_call':
      return <WebSearch {...props} />
    case 'code_interpreter_call':
      return <CodeInterpreter {...props} />
    case 'mcp_call':
      return <McpCall {...props} />
    case 'custom_tool_call':
      return <CustomToolCall {...props} />
    default:
      return null
  }
}
