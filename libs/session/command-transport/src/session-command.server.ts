import type { AddressInfo, Server, Socket } from 'node:net';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Controller, Inject, Module, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern, Payload, Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { SESSION_COMMANDS, SessionServiceUnavailableError, type SessionCommands } from '@kyc/session-application';
import {
  encodeError,
  encodeResult,
  isCommandOperation,
  SESSION_COMMAND_PATTERN,
  type CommandReply,
  type CommandRequest,
} from './command-wire';
import { InFlightCommands } from './in-flight-commands';

export interface SessionCommandServerOptions {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  logger?: LoggerService | false;
}

export interface SessionCommandServer {
  /** The port actually bound. */
  port: number;
  /**
   * Graceful stop: new commands are refused as `shutting_down`, the running ones finish and are answered,
   * then the connections close. A command the caller saw acknowledged is therefore always appended.
   */
  close(): Promise<void>;
}

@Controller()
class SessionCommandController {
  constructor(
    @Inject(SESSION_COMMANDS) private readonly commands: SessionCommands,
    private readonly inFlight: InFlightCommands,
  ) {}

  @MessagePattern(SESSION_COMMAND_PATTERN)
  async execute(@Payload() request: CommandRequest): Promise<CommandReply> {
    if (!isCommandOperation(request?.op) || !Array.isArray(request.args)) {
      return { ok: false, error: { kind: 'internal', message: `unknown operation ${String(request?.op)}` } };
    }
    if (!this.inFlight.tryStart()) {
      return { ok: false, error: encodeError(new SessionServiceUnavailableError('shutting_down', 'the session service is stopping')) };
    }
    try {
      const operation = this.commands[request.op] as (...args: unknown[]) => Promise<unknown>;
      return encodeResult(request.op, await operation.apply(this.commands, request.args));
    } catch (error) {
      return { ok: false, error: encodeError(error) };
    } finally {
      this.inFlight.finish();
    }
  }
}

/** The session service's command endpoint: a NestJS microservice on the TCP transport. */
export async function startSessionCommandServer(
  commands: SessionCommands,
  options: SessionCommandServerOptions,
): Promise<SessionCommandServer> {
  const inFlight = new InFlightCommands();

  @Module({
    controllers: [SessionCommandController],
    providers: [
      { provide: SESSION_COMMANDS, useValue: commands },
      { provide: InFlightCommands, useValue: inFlight },
    ],
  })
  class SessionCommandModule {}

  const app = await NestFactory.createMicroservice<MicroserviceOptions>(SessionCommandModule, {
    transport: Transport.TCP,
    options: { host: options.host, port: options.port },
    logger: options.logger ?? false,
  });
  await app.listen();
  const server = app.unwrap<Server>();
  const connections = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
  });
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      await inFlight.drain();
      // The transport writes a reply a few turns after the handler returned, and closing the microservice
      // destroys its sockets with whatever they still hold: let the replies out, then end each connection.
      await nextTurn();
      await Promise.all([...connections].map((socket) => endGracefully(socket)));
      await app.close();
    },
  };
}

/** Half-closes after the pending writes are flushed; gives up waiting for the peer after a while. */
function endGracefully(socket: Socket, waitMs = 2_000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, waitMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.end();
  });
}
