import { MessageText } from '@runlens/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { useEffect, useState } from 'react'
import {
  answerMessage,
  answerText,
  message,
  outputMessage,
  responseAnswer,
  responseStreamingAnswer,
  streamingMessage,
  userMessage,
} from './fixtures.js'
import { StateCell, StateGrid } from './StateGrid.js'

const meta = {
  title: 'Components/MessageText',
  component: MessageText,
  args: { text: answerText, streaming: false, announce: true, showRole: false },
} satisfies Meta<typeof MessageText>

export default meta
type Story = StoryObj<typeof meta>

export const Default: Story = {}

/** Text still arriving: a caret, `aria-busy`, and no announcement until it ends. */
export const Streaming: Story = {
  args: {
    text: streamingMessage.content[0]?.type === 'text' ? streamingMessage.content[0].text.value : '',
    streaming: true,
  },
}

/** From a Message object: role, refusal and image parts as text (images are never fetched). */
export const FromMessage: Story = {
  args: {
    text: undefined,
    showRole: true,
    message: message('Here is the chart you asked for.', {
      content: [
        { type: 'text', text: { value: 'Here is the chart you asked for.', annotations: [] } },
        { type: 'image_file', image_file: { file_id: 'file-chart-7Hq' } },
      ],
    }),
  },
}

export const Refusal: Story = {
  args: {
    text: undefined,
    message: message('', { content: [{ type: 'refusal', refusal: "I can't help with that request." }] }),
  },
}

/** A response's `message` item: its `output_text` parts. */
export const FromResponseMessage: Story = {
  args: { text: undefined, showRole: true, message: responseAnswer },
}

/** A response's refusal part. */
export const ResponseRefusal: Story = {
  args: {
    text: undefined,
    message: outputMessage('', {
      content: [{ type: 'refusal', refusal: "I can't help with that request." }],
    }),
  },
}

/** Deltas arrive every 60 ms, as in text-run.sse; the live region speaks once at the end. */
export const LiveStream: Story = {
  render: (args) => {
    const words = answerText.split(/(?<= )/)
    const [count, setCount] = useState(0)
    useEffect(() => {
      if (count >= words.length) return
      const id = setTimeout(() => setCount((c) => c + 1), 60)
      return () => clearTimeout(id)
    }, [count, words.length])
    return <MessageText {...args} text={words.slice(0, count).join('')} streaming={count < words.length} />
  },
}

export const AllStates: Story = {
  render: () => (
    <StateGrid min="20rem">
      <StateCell label="complete">
        <MessageText message={answerMessage} showRole />
      </StateCell>
      <StateCell label="streaming">
        <MessageText message={streamingMessage} showRole />
      </StateCell>
      <StateCell label="waiting for the first delta">
        <MessageText text="" streaming />
      </StateCell>
      <StateCell label="response message">
        <MessageText message={responseAnswer} showRole />
      </StateCell>
      <StateCell label="response message, streaming">
        <MessageText message={responseStreamingAnswer} showRole />
      </StateCell>
      <StateCell label="user message">
        <MessageText message={userMessage} showRole />
      </StateCell>
      <StateCell label="multi-paragraph">
        <MessageText
          text={
            'Three days in Lisbon:\n\nFriday: 23 °C, clear.\nSaturday: 21 °C, clouds.\nSunday: 18 °C, rain.'
          }
        />
      </StateCell>
      <StateCell label="refusal">
        <MessageText
          message={message('', {
            content: [{ type: 'refusal', refusal: "I can't help with that request." }],
          })}
        />
      </StateCell>
    </StateGrid>
  ),
}
