// The operator's role and its PIN (issue #8): the session starts as viewer; raising the role asks
// for the PIN (role.set), lowering it does not; the PIN itself (4 to 12 digits) is set here the
// first time and changed with the current one (role.setPin). The core keeps it as a salted hash.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role, RoleState } from '../../shared/api/requests-actions';
import { tryCall } from '../api/optional-call';
import { useApi } from '../state/react';
import { higherRoles } from './flow-model';
import { useRole } from './shared-answers';

const roles: readonly Role[] = ['viewer', 'technician', 'supervisor'];

export const ROLE_PANEL_ID = 'role-panel';

export function RolePanel() {
  const { t } = useTranslation();
  const { answer } = useRole();
  const headingId = useId();
  return (
    <section id={ROLE_PANEL_ID} className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('actionFlow.roleHeading')}</h2>
      {answer.kind === 'loading' && <p className="muted">{t('common.loading')}</p>}
      {(answer.kind === 'failed' || answer.kind === 'unavailable') && (
        <p className="no-reading">{t('actionFlow.roleUnknown', { message: answer.message })}</p>
      )}
      {answer.kind === 'ok' && <RoleForms state={answer.value} />}
    </section>
  );
}

function RoleForms({ state }: { state: RoleState }) {
  const { t } = useTranslation();
  return (
    <>
      <p>
        {t('actions.role', { role: t(`actions.roles.${state.role}`) })}
        {!state.actionsAvailable && ` ${t('actions.notAvailable')}`}
      </p>
      {state.actionsAvailable && <RoleChange state={state} />}
      {state.actionsAvailable && <PinForm pinSet={state.pinSet} />}
    </>
  );
}

/** A form's outcome shown in place: what changed, or why not. */
type Outcome = { ok: true; text: string } | { ok: false; text: string } | null;

function OutcomeLine({ outcome }: { outcome: Outcome }) {
  if (!outcome) return null;
  return outcome.ok ? (
    <p role="status">{outcome.text}</p>
  ) : (
    <p role="alert" className="problem">
      {outcome.text}
    </p>
  );
}

function RoleChange({ state }: { state: RoleState }) {
  const { t } = useTranslation();
  const api = useApi();
  const { refresh } = useRole();
  const [role, setRole] = useState<Role>(higherRoles(state.role)[0] ?? state.role);
  const [pin, setPin] = useState('');
  const [outcome, setOutcome] = useState<Outcome>(null);
  const raising = higherRoles(state.role).includes(role);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await tryCall(api, 'role.set', raising ? { role, pin } : { role });
    setPin('');
    if (answer.kind === 'loading') return;
    if (answer.kind !== 'ok') setOutcome({ ok: false, text: answer.message });
    else if (!answer.value.ok) setOutcome({ ok: false, text: answer.value.reason });
    else {
      const name = t(`actions.roles.${answer.value.state.role}`);
      setOutcome({ ok: true, text: t('actionFlow.roleChanged', { role: name }) });
      refresh();
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)}>
      <fieldset>
        <legend>{t('actionFlow.changeRole')}</legend>
        <label>
          {t('actionFlow.newRole')}{' '}
          <select value={role} onChange={(event) => setRole(event.target.value as Role)}>
            {roles.map((choice) => (
              <option key={choice} value={choice}>
                {t(`actions.roles.${choice}`)}
              </option>
            ))}
          </select>
        </label>{' '}
        {raising && (
          <label>
            {t('actionFlow.pin')}{' '}
            <input
              type="password"
              inputMode="numeric"
              autoComplete="off"
              value={pin}
              onChange={(event) => setPin(event.target.value)}
            />
          </label>
        )}{' '}
        <button type="submit" className="button">
          {t('actionFlow.applyRole')}
        </button>
        <p className="muted">
          {state.pinSet ? t('actionFlow.raiseNeedsPin') : t('actionFlow.noPinYet')}
        </p>
        <OutcomeLine outcome={outcome} />
      </fieldset>
    </form>
  );
}

function PinForm({ pinSet }: { pinSet: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  const { refresh } = useRole();
  const [pin, setPin] = useState('');
  const [currentPin, setCurrentPin] = useState('');
  const [outcome, setOutcome] = useState<Outcome>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await tryCall(api, 'role.setPin', pinSet ? { pin, currentPin } : { pin });
    setPin('');
    setCurrentPin('');
    if (answer.kind === 'loading') return;
    if (answer.kind !== 'ok') setOutcome({ ok: false, text: answer.message });
    else if (!answer.value.ok) setOutcome({ ok: false, text: answer.value.reason });
    else {
      setOutcome({ ok: true, text: t('actionFlow.pinSaved') });
      refresh();
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)}>
      <fieldset>
        <legend>{pinSet ? t('actionFlow.changePin') : t('actionFlow.setPin')}</legend>
        {pinSet && (
          <label>
            {t('actionFlow.currentPin')}{' '}
            <input
              type="password"
              inputMode="numeric"
              autoComplete="off"
              value={currentPin}
              onChange={(event) => setCurrentPin(event.target.value)}
            />
          </label>
        )}{' '}
        <label>
          {t('actionFlow.newPin')}{' '}
          <input
            type="password"
            inputMode="numeric"
            autoComplete="off"
            pattern="[0-9]{4,12}"
            value={pin}
            onChange={(event) => setPin(event.target.value)}
          />
        </label>{' '}
        <button type="submit" className="button">
          {t('actionFlow.savePin')}
        </button>
        <OutcomeLine outcome={outcome} />
      </fieldset>
    </form>
  );
}
