#!/usr/bin/env node
// The installed `realitycheck` command. It only loads the built CLI: a file
// that exists at install time, so npm links the command before
// `npm run build` has made dist/.
import('../dist/cli/main.js').catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('main.js')) {
    process.stderr.write('realitycheck: the CLI is not built yet; run `npm run build` first\n');
    process.exit(3);
  }
  throw error;
});
