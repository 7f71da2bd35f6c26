/** Rows of the messages area and their one mapper, shared by the SQLite and PostgreSQL backends. */
import type { LinkEntity, SystemEvent } from '@backchannel/protocol';
import type { Row } from './row.js';

export interface MessageRow {
  id: string;
  conversationId: string;
  seq: number;
  senderId: string;
  clientMessageId: string | null;
  kind: 'text' | 'system';
  text: string;
  entities: LinkEntity[];
  system: SystemEvent | null;
  createdAt: number;
}

/** `entities` and `system` are JSON text in both schemas; inside PostgreSQL's `row_to_json` they stay text. */
export const toMessage = (r: Row): MessageRow => ({
  id: r.id as string,
  conversationId: r.conversation_id as string,
  seq: r.seq as number,
  senderId: r.sender_id as string,
  clientMessageId: (r.client_message_id as string | null) ?? null,
  kind: r.kind as MessageRow['kind'],
  text: r.text as string,
  entities: JSON.parse(r.entities as string) as MessageRow['entities'],
  system: r.system ? (JSON.parse(r.system as string) as MessageRow['system']) : null,
  createdAt: r.created_at as number,
});
