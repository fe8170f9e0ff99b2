#!/usr/bin/env node
// A plain-JS shim so the bin exists before the TypeScript is built.
import { run } from '../dist/cli.js'

run(process.argv.slice(2))
