import { hkdfSync, randomBytes } from 'node:crypto';
import { gcmOpen, gcmSeal } from '@kyc/pii-vault';

/**
 * Webhook signing secrets at rest: sealed with AES-256-GCM under a key derived from the master key (its own
 * purpose label, so it never doubles as the key that wraps personal data), bound to the endpoint's id.
 */
export class WebhookSecretBox {
  private readonly key: Buffer;

  constructor(masterKey: Buffer) {
    this.key = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'kyc webhook signing secrets v1', 32));
  }

  /** A new secret as tenants see it once: `whsec_` + 32 random bytes. */
  static newSecret(): string {
    return `whsec_${randomBytes(32).toString('base64url')}`;
  }

  seal(webhookId: string, secret: string): Buffer {
    return gcmSeal(this.key, Buffer.from(secret, 'utf8'), Buffer.from(webhookId, 'utf8'));
  }

  open(webhookId: string, sealed: Uint8Array): string {
    const secret = gcmOpen(this.key, Buffer.from(sealed), Buffer.from(webhookId, 'utf8'));
    if (!secret) throw new Error(`the signing secret of webhook ${webhookId} cannot be opened with this master key`);
    return secret.toString('utf8');
  }
}
