import { useEffect, useState } from 'react';

import { ApiError } from '../api-client.js';
import { followEvents } from '../event-stream.js';
import type { ClockReading } from '../settings/clock-banner.js';

export interface FrameEventHandlers {
  /** Connected (again): what may have changed while away is read again. */
  readonly onOpen: () => void;
  /** A card came or went, its PIN state or the professional session changed. */
  readonly onCardsChanged: () => Promise<void>;
  /** The professional's session ended because her card left its reader. */
  readonly onSessionEndedByRemoval: () => void;
  /** An emergency access to the current patient's record was granted. */
  readonly onEmergencyAccessGranted: () => void;
  /** This computer's clock was read against the platform's (the first call of a session). */
  readonly onClockReading: (reading: ClockReading) => void;
  readonly onError: (error: unknown) => void;
}

/** Follows the core's events for the frame; says whether the stream is live. The handlers must be stable. */
export function useLiveUpdates({
  onOpen,
  onCardsChanged,
  onSessionEndedByRemoval,
  onEmergencyAccessGranted,
  onClockReading,
  onError,
}: FrameEventHandlers): boolean {
  const [live, setLive] = useState(false);
  useEffect(
    () =>
      followEvents({
        onOpen: () => {
          setLive(true);
          onOpen();
        },
        onLost: () => setLive(false),
        onEvent: (event) => {
          switch (event.type) {
            case 'session.changed':
              if (event.reason === 'card-removed') onSessionEndedByRemoval();
              void onCardsChanged();
              return;
            case 'card.inserted':
            case 'card.removed':
            case 'pin.state':
              void onCardsChanged();
              return;
            case 'breakglass.banner':
              // Granted through another client of this core: the banner and the record follow here too.
              if (event.active) onEmergencyAccessGranted();
              return;
            // The batch screen follows its own news; the rules' banner reads their state when the window opens.
            case 'queue.progress':
            case 'queue.paused':
            case 'queue.outage':
            case 'queue.imported':
            case 'rules.progress':
              return;
            case 'platform.clock':
              onClockReading(event);
              return;
            case 'error':
              onError(new ApiError(event.error));
              return;
          }
        },
      }),
    [onOpen, onCardsChanged, onSessionEndedByRemoval, onEmergencyAccessGranted, onClockReading, onError],
  );
  return live;
}
