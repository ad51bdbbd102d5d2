// The crash harness's coder: its own device id, so its stamps are told apart from the tests'.
import type { Author } from '../project/project.js';

export const CRASH_AUTHOR: Author = {
  deviceId: 'c0ffee0000000001',
  coderId: '00000000-0000-4000-8000-00000000c0de',
  coderName: 'Crash harness',
};
