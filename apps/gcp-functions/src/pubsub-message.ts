import { z } from 'zod';

/** The Pub/Sub message inside an Eventarc `messagePublished` CloudEvent or a push request. */
export const pubSubMessageSchema = z.object({
  /** Base64 of the payload. */
  data: z.string().default(''),
  attributes: z.record(z.string(), z.string()).optional(),
  messageId: z.string().optional(),
  message_id: z.string().optional(),
  orderingKey: z.string().optional(),
  publishTime: z.string().optional(),
});

/** `{ message, subscription }`: the body of a push delivery and the data of the CloudEvent. */
export const pubSubEnvelopeSchema = z.object({
  message: pubSubMessageSchema,
  subscription: z.string().optional(),
});

export type PubSubEnvelope = z.infer<typeof pubSubEnvelopeSchema>;

/** The decoded payload text of an envelope. */
export function messageText(envelope: PubSubEnvelope): string {
  return Buffer.from(envelope.message.data, 'base64').toString('utf8');
}

/** The message id, whichever spelling the sender used. */
export function messageIdOf(envelope: PubSubEnvelope): string {
  return envelope.message.messageId ?? envelope.message.message_id ?? '';
}
