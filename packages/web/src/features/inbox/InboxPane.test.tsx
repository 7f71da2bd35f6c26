// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { conversation, ME, message } from '../../test/fixtures.js';
import { renderWithController } from '../../test/render.js';
import { Composer } from '../conversation/Composer.js';
import { InboxPane } from './InboxPane.js';

afterEach(cleanup);

describe('InboxPane', () => {
  it('lists inbox conversations with unread labels, counts requests and links to Archived', () => {
    const { controller } = renderWithController(<InboxPane tab="inbox" titled />);
    act(() => {
      controller.store.dispatch({ type: 'session.started', me: ME });
      controller.store.dispatch({
        type: 'conversations.loaded',
        list: 'inbox',
        conversations: [
          conversation({ id: 'a', unreadCount: 2, lastSeq: 2, lastMessage: message(2, { conversationId: 'a', text: 'see you there' }) }),
          conversation({ id: 'r', folder: 'requests' }),
          conversation({ id: 'z', archived: true }),
        ],
      });
    });
    const list = screen.getByRole('list', { name: 'Backchannel' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    expect(within(list).getByRole('link', { name: 'Bob Byte, 2 unread' })).toBeTruthy();
    expect(within(list).getByText('see you there')).toBeTruthy();
    expect(screen.getByTestId('requests-tab').textContent).toContain('1');
    expect(screen.getByRole('link', { name: /Archived chats \(1\)/ })).toBeTruthy();
  });

  it('says so when the requests folder is empty', () => {
    const { controller } = renderWithController(<InboxPane tab="requests" titled />);
    act(() => {
      controller.store.dispatch({ type: 'session.started', me: ME });
      controller.store.dispatch({ type: 'conversations.loaded', list: 'requests', conversations: [] });
    });
    expect(screen.getByText('No requests')).toBeTruthy();
  });
});

describe('Composer', () => {
  it('Enter sends the text and clears the box; Shift+Enter does not send', () => {
    const { controller } = renderWithController(<Composer conversationId="c1" placeholder="Message Bob" />);
    const send = vi.spyOn(controller.conversation, 'send').mockImplementation(() => undefined);
    const typing = vi.spyOn(controller.conversation, 'typing').mockImplementation(() => undefined);
    const box = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
    fireEvent.change(box, { target: { value: 'hello there' } });
    expect(typing).toHaveBeenCalledWith('c1');
    fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    expect(send).not.toHaveBeenCalled();
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(send).toHaveBeenCalledWith('c1', 'hello there');
    expect(box.value).toBe('');
  });
});
