/**
 * The backstage storage area (`tx.backstage`): each room's private channel for its stage (a group
 * conversation, linked here to its room) and the people who left the stage and keep reading what
 * they had seen, read-only, up to a seq. Membership itself is the members area's (it bounds event
 * streams). See docs/subsystems/rooms.md, "Backstage".
 */
export interface BackstageRepo {
  /** Links the room to its backstage conversation (one each way). */
  link(roomId: string, conversationId: string): Promise<void>;
  conversationOf(roomId: string): Promise<string | null>;
  roomOf(conversationId: string): Promise<string | null>;
  /** Inserts or replaces: `userId` reads the conversation up to `uptoSeq`, and nothing after. */
  putViewer(conversationId: string, userId: string, uptoSeq: number): Promise<void>;
  /** The read-only viewer's last readable seq, or null. */
  viewer(conversationId: string, userId: string): Promise<number | null>;
  removeViewer(conversationId: string, userId: string): Promise<void>;
}
