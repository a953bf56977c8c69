// The connection indicator in the header: a coloured dot and a word, announced politely by
// screen readers (role="status") and exposing the state as `data-state` for tests and styling.
import { useTranslation } from 'react-i18next';
import { useAppState } from '../state/react';

export function ConnectionIndicator() {
  const { t, i18n } = useTranslation();
  const connection = useAppState((state) => state.connection);
  const lastHeartbeatAt = useAppState((state) => state.lastHeartbeatAt);
  const title = lastHeartbeatAt
    ? t('connection.lastHeartbeat', {
        time: new Date(lastHeartbeatAt).toLocaleTimeString(i18n.language),
      })
    : t('connection.noHeartbeat');

  return (
    <div role="status" className="connection" data-state={connection} title={title}>
      <span className="connection__dot" aria-hidden="true" />
      <span className="connection__label">{t(`connection.${connection}`)}</span>
    </div>
  );
}
