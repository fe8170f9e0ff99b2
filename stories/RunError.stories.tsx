import { RunError } from '@runlens/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { apiError, failedResponse, failedRun, incompleteResponse, streamError } from './fixtures.js'
import { StateCell, StateGrid } from './StateGrid.js'

const meta = {
  title: 'Components/RunError',
  component: RunError,
  args: { lastError: failedRun.last_error, live: true },
} satisfies Meta<typeof RunError>

export default meta
type Story = StoryObj<typeof meta>

/** `last_error` of a failed run: code and message. */
export const RunFailed: Story = {}

/** `incomplete_details` in plain language. */
export const Incomplete: Story = {
  args: { lastError: null, incompleteDetails: { reason: 'max_completion_tokens' } },
}

/** A request error from the client, with its HTTP status and request id. */
export const RequestFailed: Story = { args: { lastError: null, error: apiError } }

/** A response's `error`: the same code and message as a run's `last_error`. */
export const ResponseFailed: Story = { args: { lastError: failedResponse.error } }

/** A response stopped at its `max_output_tokens`. */
export const ResponseIncomplete: Story = {
  args: { lastError: null, incompleteDetails: incompleteResponse.incomplete_details },
}

export const AllStates: Story = {
  render: () => (
    <StateGrid min="22rem">
      <StateCell label="last_error">
        <RunError lastError={failedRun.last_error} live={false} />
      </StateCell>
      <StateCell label="incomplete: max_completion_tokens">
        <RunError incompleteDetails={{ reason: 'max_completion_tokens' }} live={false} />
      </StateCell>
      <StateCell label="incomplete: max_prompt_tokens">
        <RunError incompleteDetails={{ reason: 'max_prompt_tokens' }} live={false} />
      </StateCell>
      <StateCell label="incomplete: unknown reason">
        <RunError incompleteDetails={{ reason: 'tool_budget' }} live={false} />
      </StateCell>
      <StateCell label="response error">
        <RunError lastError={failedResponse.error} live={false} />
      </StateCell>
      <StateCell label="response incomplete: max_output_tokens">
        <RunError incompleteDetails={{ reason: 'max_output_tokens' }} live={false} />
      </StateCell>
      <StateCell label="response incomplete: content_filter">
        <RunError incompleteDetails={{ reason: 'content_filter' }} live={false} />
      </StateCell>
      <StateCell label="request error (APIError)">
        <RunError error={apiError} live={false} />
      </StateCell>
      <StateCell label="stream error">
        <RunError error={streamError} live={false} />
      </StateCell>
      <StateCell label="server_error">
        <RunError
          lastError={{ code: 'server_error', message: 'Sorry, something went wrong.' }}
          live={false}
        />
      </StateCell>
    </StateGrid>
  ),
}
