// eventsource-parser's decoder alone, handed to the page so that the build keeps it.
import { createParser } from 'eventsource-parser'

Object.assign(globalThis, { createParser })
