import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './test-platform';

const KAFKA_SCRIPT = join(__dirname, '..', '..', '..', '..', 'tools', 'services', 'kafka.sh');

/**
 * A Kafka broker of a test's own (tools/services/kafka.sh with its own state folder and ports), so that
 * stopping it disturbs no other test.
 */
export class DedicatedKafka {
  private constructor(
    private readonly env: Record<string, string>,
    private readonly folder: string,
    readonly brokers: string,
  ) {}

  static async create(): Promise<DedicatedKafka> {
    const folder = await mkdtemp(join(tmpdir(), 'kyc-kafka-'));
    const port = await freePort();
    const env = {
      KYC_SERVICES_DIR: folder,
      KYC_KAFKA_PORT: String(port),
      KYC_KAFKA_CONTROLLER_PORT: String(await freePort()),
      KAFKA_HEAP_OPTS: '-Xmx384m -Xms384m',
    };
    return new DedicatedKafka(env, folder, `127.0.0.1:${port}`);
  }

  /** Starts the broker (its data survives a stop) and resolves once it serves requests. */
  async up(): Promise<void> {
    await this.run('up');
  }

  /** A clean broker shutdown (SIGTERM, as an operator or an orchestrator stops it). */
  async down(): Promise<void> {
    await this.run('down');
  }

  async destroy(): Promise<void> {
    await this.down();
    await rm(this.folder, { recursive: true, force: true });
  }

  private async run(command: 'up' | 'down'): Promise<void> {
    await promisify(execFile)('bash', [KAFKA_SCRIPT, command], { env: { ...process.env, ...this.env }, maxBuffer: 16 * 1024 * 1024 });
  }
}
