// "Copy diagnostics": asks the core for the report (settings.diagnostics: versions, what it
// watches, the fleet file without secrets, channel health, recent log lines) and copies it.
// Where the clipboard is refused (a page without focus, browser mode over plain HTTP), the text is
// shown for the operator to copy by hand.
import { useState } from 'react';
import { tryCall } from '../../api/optional-call';
import { useApi } from '../../state/react';
import { useSettingsText } from './settings-text';

type Status =
  | { kind: 'idle' }
  | { kind: 'working' }
  | { kind: 'copied' }
  | { kind: 'shown'; text: string }
  | { kind: 'failed'; message: string };

export function DiagnosticsButton() {
  const words = useSettingsText();
  const api = useApi();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  const copy = async () => {
    setStatus({ kind: 'working' });
    const answer = await tryCall(api, 'settings.diagnostics', {});
    if (answer.kind !== 'ok') {
      const message = answer.kind === 'loading' ? '' : answer.message;
      return setStatus({ kind: 'failed', message });
    }
    try {
      await navigator.clipboard.writeText(answer.value.text);
      setStatus({ kind: 'copied' });
    } catch {
      setStatus({ kind: 'shown', text: answer.value.text });
    }
  };

  return (
    <div className="diagnostics-copy">
      <button
        type="button"
        className="button"
        disabled={status.kind === 'working'}
        onClick={() => void copy()}
      >
        {status.kind === 'working' ? words.diagnosticsCopying : words.diagnosticsCopy}
      </button>
      <p className="muted" role="status">
        {status.kind === 'copied' && words.diagnosticsCopied}
        {status.kind === 'shown' && words.diagnosticsNoClipboard}
        {status.kind === 'failed' && words.failed(status.message)}
      </p>
      {status.kind === 'shown' && (
        <textarea
          aria-label={words.diagnosticsText}
          readOnly
          rows={12}
          value={status.text}
          onFocus={(event) => event.target.select()}
        />
      )}
    </div>
  );
}
