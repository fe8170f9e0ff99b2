import { RunUsage } from '@runlens/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { responseUsage, usage } from './fixtures.js'
import { StateCell, StateGrid } from './StateGrid.js'

const meta = {
  title: 'Components/RunUsage',
  component: RunUsage,
  args: { usage, maxPromptTokens: null, maxCompletionTokens: null },
} satisfies Meta<typeof RunUsage>

export default meta
type Story = StoryObj<typeof meta>

export const Default: Story = {}

/** Bars against max_prompt_tokens and max_completion_tokens. */
export const WithLimits: Story = {
  args: {
    usage: { prompt_tokens: 1840, completion_tokens: 212, total_tokens: 2052 },
    maxPromptTokens: 4000,
    maxCompletionTokens: 256,
  },
}

/** The completion limit reached: the run ended incomplete. */
export const AtLimit: Story = {
  args: {
    usage: { prompt_tokens: 812, completion_tokens: 256, total_tokens: 1068 },
    maxPromptTokens: 1000,
    maxCompletionTokens: 256,
  },
}

/** A response's usage: input, cached input, output, reasoning and total. */
export const Response: Story = { args: { usage: responseUsage } }

/** A response's output against its `max_output_tokens` (given as `maxCompletionTokens`). */
export const ResponseWithLimit: Story = { args: { usage: responseUsage, maxCompletionTokens: 256 } }

export const NotReported: Story = { args: { usage: null } }

export const German: Story = {
  args: { ...WithLimits.args, locale: 'de-DE', labels: { title: 'Token-Verbrauch', total: 'Gesamt' } },
}

export const AllStates: Story = {
  render: (args) => (
    <StateGrid min="20rem">
      <StateCell label="reported">
        <RunUsage usage={usage} />
      </StateCell>
      <StateCell label="with limits">
        <RunUsage {...args} {...WithLimits.args} />
      </StateCell>
      <StateCell label="at the limit">
        <RunUsage {...args} {...AtLimit.args} />
      </StateCell>
      <StateCell label="response">
        <RunUsage usage={responseUsage} />
      </StateCell>
      <StateCell label="response, with max_output_tokens">
        <RunUsage {...args} {...ResponseWithLimit.args} />
      </StateCell>
      <StateCell label="empty">
        <RunUsage usage={null} />
      </StateCell>
    </StateGrid>
  ),
}
