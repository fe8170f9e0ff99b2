import type { StepsLabels } from './defaultLabels.js'
import { Code, Empty, Unreadable } from './parts.js'
import { readObject, readString } from './read.js'

/**
 * What a code interpreter call gave, either protocol's: its logs as code, and its images named,
 * never fetched (the page shows no server-chosen image): a run's by file id (`image.file_id`), a
 * response's by URL (`url`). `null`: the outputs could not be read.
 */
export function CodeInterpreterOutputs({
  outputs,
  labels,
}: {
  outputs: readonly unknown[] | null
  labels: StepsLabels
}) {
  const unreadable = <Unreadable>{labels.unreadable}</Unreadable>
  if (outputs === null) return unreadable
  if (outputs.length === 0) return <Empty>{labels.noOutput}</Empty>
  return outputs.map((output, i) => {
    const out = readObject(output)
    if (out?.type === 'logs' && out.logs !== undefined) {
      // biome-ignore lint/suspicious/noArrayIndexKey: outputs have no id and never reorder
      return <Code key={i} text={out.logs} />
    }
    const fileId = readString(readObject(out?.image)?.file_id)
    const url = readString(out?.url)
    const named =
      out?.type !== 'image'
        ? null
        : fileId !== null
          ? labels.imageOutput(fileId)
          : url !== null
            ? labels.imageUrlOutput(url)
            : null
    return (
      // biome-ignore lint/suspicious/noArrayIndexKey: outputs have no id and never reorder
      <p key={i} className="rl-tool__image">
        {named ?? unreadable}
      </p>
    )
  })
}
