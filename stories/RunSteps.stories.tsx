import { RunSteps } from '@runlens/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { allSteps, failedStep, functionStep, runningStep, searchStep, storyNow } from './fixtures.js'
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
      <StateCell label="empty">
        <RunSteps {...args} steps={[]} />
      </StateCell>
    </StateGrid>
  ),
}
