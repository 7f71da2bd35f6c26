/**
 * Backchannel's frame: on a phone one pane at a time (the list, or the open conversation); from
 * 900 px the list stays on the left and the detail fills the right, like a desktop messenger.
 */
import type { ReactNode } from 'react';
import { ConnectionBanner } from '../../components/ConnectionBanner.js';
import { Icon } from '../../components/Icon.js';
import type { InboxTab } from '../../lib/conversations.js';
import { InboxPane } from './InboxPane.js';

export function BackchannelLayout({ tab, activeId, children }: { tab: InboxTab; activeId?: string; children?: ReactNode }) {
  const hasDetail = children !== undefined;
  return (
    <div className={`backchannel${hasDetail ? ' has-detail' : ''}`}>
      <ConnectionBanner />
      <div className="panes">
        <InboxPane tab={tab} activeId={activeId} titled={!hasDetail} />
        {hasDetail ? (
          children
        ) : (
          <section className="pane detail-pane placeholder" aria-hidden="true">
            <div className="empty">
              <Icon name="plane" size={48} />
              <p className="muted">Pick a conversation, or start a new one.</p>
            </div>
          </section>
        )}
      </div>
    </div>
  );
}
