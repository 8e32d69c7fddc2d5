import { sessionCommandsContract } from './testing/session-commands.contract';

// Embedded mode: the gateway calls the session application in its own process.
sessionCommandsContract('SessionApplication in process', async (fixture) => ({
  commands: fixture.application,
  close: async () => undefined,
}));
