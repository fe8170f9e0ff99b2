console.log('The run monitor demo is coming soon (issue 6). Meanwhile: npm test, npx runlens-sim --port 4010')
