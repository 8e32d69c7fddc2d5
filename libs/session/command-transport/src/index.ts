export { RemoteSessionCommands, type RemoteSessionCommandsOptions } from './session-command.client';
export { startSessionCommandServer, type SessionCommandServer, type SessionCommandServerOptions } from './session-command.server';
export { SESSION_COMMAND_PATTERN } from './command-wire';
