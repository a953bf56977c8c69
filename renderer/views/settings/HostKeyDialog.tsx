// Host-key approval for every node of the fleet: fetch the key a node presents (hostKey.check),
// show it beside the pinned one, and pin it only once the operator says they compared it with the
// node. A changed key is shown with both fingerprints and re-approved by naming the pinned key.
import { useState } from 'react';
import type { HostKeyCheck } from '../../../shared/api/requests-settings';
import { tryCall } from '../../api/optional-call';
import { useApi, useAppState } from '../../state/react';
import { hostKeyOffer } from './settings-model';
import { useSettingsText } from './settings-text';

export function HostKeyDialog() {
  const words = useSettingsText();
  const fleet = useAppState((state) => state.fleet);
  const nodes = fleet?.nodes ?? [];

  return (
    <section className="panel" aria-labelledby="settings-host-keys">
      <h2 id="settings-host-keys">{words.hostKeysTitle}</h2>
      <p className="muted">{words.hostKeysHelp}</p>
      {nodes.length === 0 && <p className="muted">{words.hostKeysNoNodes}</p>}
      {nodes.map((node) => (
        <NodeHostKey key={node.id} nodeId={node.id} host={node.host} />
      ))}
    </section>
  );
}

type Status =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'checked'; check: HostKeyCheck }
  | { kind: 'failed'; message: string };

function NodeHostKey({ nodeId, host }: { nodeId: string; host: string }) {
  const words = useSettingsText();
  const api = useApi();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [compared, setCompared] = useState(false);
  const [pinned, setPinned] = useState<string | null>(null);

  const check = async () => {
    setStatus({ kind: 'checking' });
    setCompared(false);
    const answer = await tryCall(api, 'hostKey.check', { node: nodeId });
    if (answer.kind === 'ok') setStatus({ kind: 'checked', check: answer.value });
    else if (answer.kind !== 'loading') setStatus({ kind: 'failed', message: answer.message });
  };

  const offer = status.kind === 'checked' ? hostKeyOffer(status.check) : { kind: 'none' as const };
  const approve = async () => {
    if (offer.kind === 'none') return;
    const answer = await tryCall(api, 'hostKey.approve', offer.args);
    if (answer.kind === 'ok') {
      setPinned(`${words.hostKeyApproved} ${answer.value.note}`);
      await check();
    } else if (answer.kind !== 'loading') {
      setStatus({ kind: 'failed', message: answer.message });
    }
  };

  return (
    <fieldset className="panel host-key">
      <legend>
        {nodeId} <span className="muted">{host}</span>
      </legend>
      <button
        type="button"
        className="button"
        disabled={status.kind === 'checking'}
        onClick={() => void check()}
      >
        {status.kind === 'checking' ? words.hostKeyChecking : words.hostKeyCheck}
      </button>
      {status.kind === 'failed' && <p role="alert">{words.failed(status.message)}</p>}
      {status.kind === 'checked' && <CheckFacts check={status.check} />}
      {offer.kind !== 'none' && (
        <>
          <label className="choice">
            <input
              type="checkbox"
              checked={compared}
              onChange={(event) => setCompared(event.target.checked)}
            />
            {words.hostKeyCompared}
          </label>
          <button
            type="button"
            className="button"
            disabled={!compared}
            onClick={() => void approve()}
          >
            {offer.kind === 'approve' ? words.hostKeyApprove : words.hostKeyReapprove}
          </button>
        </>
      )}
      {pinned && <p role="status">{pinned}</p>}
    </fieldset>
  );
}

function CheckFacts({ check }: { check: HostKeyCheck }) {
  const words = useSettingsText();
  const alert = check.state === 'changed' || check.state === 'unreachable';

  return (
    <>
      <p role={alert ? 'alert' : 'status'}>
        <strong>{words.hostKeyStates[check.state]}</strong>
      </p>
      <dl className="facts">
        <dt>{words.hostKeyPresented}</dt>
        <dd>
          <code>{check.fingerprint ?? words.hostKeyNone}</code>
        </dd>
        <dt>{words.hostKeyPinned}</dt>
        <dd>
          <code>{check.pinned ?? words.hostKeyNone}</code>
        </dd>
      </dl>
      {check.message && <p className="muted">{check.message}</p>}
    </>
  );
}
