// bin/runlens-sim.js from the sources (under tsx), so a child process runs the code under test
// rather than the last build.
import { run } from '../../src/cli.js'

run(process.argv.slice(2))
