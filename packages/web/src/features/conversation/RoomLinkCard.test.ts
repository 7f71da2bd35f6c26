import { describe, expect, it } from 'vitest';
import { roomLinksIn } from './RoomLinkCard.js';

const link = (url: string) => ({ type: 'link' as const, offset: 0, length: url.length, url });

describe('room links in a message', () => {
  it('finds links to rooms on this site, once each, and nothing else', () => {
    const origin = 'https://chat.example';
    const entities = [
      link('https://chat.example/rooms/abc_123'),
      link('https://chat.example/rooms/abc_123/'),
      link('https://chat.example/rooms/new'),
      link('https://elsewhere.example/rooms/zzz'),
      link('https://chat.example/u/ada'),
      link('https://chat.example/rooms/def'),
      link('mailto:ada@chat.example'),
    ];
    expect(roomLinksIn({ entities }, origin)).toEqual(['abc_123', 'def']);
    expect(roomLinksIn({ entities: [] }, origin)).toEqual([]);
  });
});
