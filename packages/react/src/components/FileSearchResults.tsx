import type { StepsLabels } from './defaultLabels.js'
import { formatScore } from './format.js'
import { Empty, Unreadable } from './parts.js'
import { readArray, readNumber, readObject, readString } from './read.js'

/** A result's text: an Assistants run's `content` parts, or a response's `text`. */
function resultTexts(result: Record<string, unknown> | null): string[] {
  const parts = readArray(result?.content)
  if (parts)
    return parts.map((part) => readString(readObject(part)?.text)).filter((text) => !!text) as string[]
  const text = readString(result?.text)
  return text ? [text] : []
}

/**
 * The results of a file search, either protocol's: a run's (`file_name`, `content` parts) or a
 * response's (`filename`, `text`). `null`: they could not be read.
 */
export function FileSearchResults({
  results,
  labels,
  locale,
}: {
  results: readonly unknown[] | null
  labels: StepsLabels
  locale?: string | undefined
}) {
  const unreadable = <Unreadable>{labels.unreadable}</Unreadable>
  if (results === null) return <p className="rl-note">{unreadable}</p>
  if (results.length === 0) return <Empty>{labels.noResults}</Empty>
  return (
    <ol className="rl-tool__results">
      {results.map((result, i) => {
        const r = readObject(result)
        const name = readString(r?.file_name) ?? readString(r?.filename)
        const score = readNumber(r?.score)
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: the same file may be found twice
          <li key={i} className="rl-result">
            <span className="rl-result__name">{name ?? unreadable}</span>{' '}
            {score !== null && (
              <span className="rl-result__score">
                {labels.score} {formatScore(score, locale)}
              </span>
            )}
            {resultTexts(r).map((text, j) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: content parts have no id
              <p key={j} className="rl-result__content">
                {text}
              </p>
            ))}
          </li>
        )
      })}
    </ol>
  )
}
