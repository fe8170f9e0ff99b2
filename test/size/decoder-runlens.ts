// The client's own SSE decoder alone (not a package export, so from its module), handed to the
// page so that the build keeps it.
import { createSSEDecoder } from '../../packages/client/src/sse/sseDecoder.js'

Object.assign(globalThis, { createSSEDecoder })
