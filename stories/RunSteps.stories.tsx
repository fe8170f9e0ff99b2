import { RunSteps } from '@runlens/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import {
  allSteps,
  failedStep,
  functionStep,
  reasoningResponse,
  responseItems,
  runningStep,
  searchStep,
  storyNow,
  waitingResponse,
} from './fixtures.js'
import { StateCell, StateGrid } from './StateGrid.js'

const meta = {
  title: 'Components/RunSteps',
  component: RunSteps,
  args: { steps: allSteps, now: storyNow },
  argTypes: { now: { control: false } },
} satisfies Meta<typeof RunSteps>

export default meta
type Story = StoryObj<typeof meta>

/** A function call, code interpreter, file search and the message it led to. */
export const Default: Story = {}

/** A step still running shows its elapsed time from the injected clock. */
export const InProgress: Story = { args: { steps: [functionStep, runningStep] } }

export const Failed: Story = { args: { steps: [failedStep] } }

/**
 * A response's output items: reasoning summary, the function call with the output that answers
 * it, file and web search, code interpreter, an MCP call, a custom tool call and the message.
 */
export const ResponseItems: Story = { args: { steps: responseItems } }

/** A reasoning summary still arriving. */
export const ResponseReasoning: Story = { args: { steps: reasoningResponse.output } }

export const Empty: Story = { args: { steps: [] } }

export const AllStates: Story = {
  render: (args) => (
    <StateGrid min="24rem">
      <StateCell label="every tool type">
        <RunSteps {...args} steps={allSteps} />
      </StateCell>
      <StateCell label="in progress">
        <RunSteps {...args} steps={[searchStep, runningStep]} />
      </StateCell>
      <StateCell label="failed">
        <RunSteps {...args} steps={[failedStep]} />
      </StateCell>
      <StateCell label="response: every item type">
        <RunSteps {...args} steps={responseItems} />
      </StateCell>
      <StateCell label="response: reasoning summary streaming">
        <RunSteps {...args} steps={reasoningResponse.output} />
      </StateCell>
      <StateCell label="response: function call waiting for its output">
        <RunSteps {...args} steps={waitingResponse.output} />
      </StateCell>
      <StateCell label="empty">
        <RunSteps {...args} steps={[]} />
      </StateCell>
    </StateGrid>
  ),
}
