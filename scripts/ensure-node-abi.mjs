// Before the tests: make sure better-sqlite3 is built for Node (after `npm start` it is built
// for Electron). See scripts/native-abi.mjs.
import { useAbi } from './native-abi.mjs';

if (!useAbi('node')) {
  console.error('better-sqlite3 does not load in Node and could not be rebuilt. Try `npm rebuild better-sqlite3`.');
  process.exit(1);
}
