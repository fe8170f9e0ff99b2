#!/usr/bin/env node
// A plain-JS shim so the bin exists before the TypeScript is built.
import { main } from '../dist/cli.js'

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
