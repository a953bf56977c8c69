// Writes the whole archive (or the open review) to a new bundle file on the core's machine, with
// the core's progress as it goes; the bundle can then be opened here or on another workstation.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PayloadOf, ResultOf } from '../../shared/api/contract';
import { tryCall, type Answer } from '../api/optional-call';
import { useApi } from '../state/react';

export function ExportBundle(props: { onExported(path: string): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [path, setPath] = useState('');
  const [progress, setProgress] = useState<PayloadOf<'bundle.progress'> | null>(null);
  const [result, setResult] = useState<Answer<ResultOf<'bundle.export'>> | null>(null);
  useEffect(() => api?.on('bundle.progress', setProgress), [api]);

  const exportBundle = async () => {
    setResult({ kind: 'loading' });
    const range = await tryCall(api, 'archive.range', {});
    if (range.kind !== 'ok' || range.value === null) {
      const message = range.kind === 'ok' ? t('review.archiveEmpty') : rangeMessage(range);
      setResult({ kind: 'failed', message });
      return;
    }
    const answer = await tryCall(api, 'bundle.export', {
      from: range.value.firstAt,
      // A bundle holds [from, to): one millisecond past the last tick keeps that tick.
      to: new Date(Date.parse(range.value.lastAt) + 1).toISOString(),
      path,
    });
    setResult(answer);
    if (answer.kind === 'ok') props.onExported(answer.value.path);
  };

  return (
    <form
      className="panel"
      aria-labelledby="bundle-heading"
      onSubmit={(event) => {
        event.preventDefault();
        void exportBundle();
      }}
    >
      <h2 id="bundle-heading">{t('review.exportBundle')}</h2>
      <label>
        {t('review.bundlePath')}{' '}
        <input
          value={path}
          required
          size={50}
          placeholder={t('review.bundlePathPlaceholder')}
          onChange={(event) => setPath(event.target.value)}
        />
      </label>{' '}
      <button type="submit" className="button" disabled={result?.kind === 'loading'}>
        {t('review.writeBundle')}
      </button>
      {result?.kind === 'loading' && progress && (
        <p role="status">{t('review.progress', { phase: progress.phase, done: progress.done })}</p>
      )}
      {result?.kind === 'ok' && (
        <p role="status">
          {t('review.bundleWritten', {
            path: result.value.path,
            records: result.value.records,
          })}
        </p>
      )}
      {(result?.kind === 'failed' || result?.kind === 'unavailable') && (
        <p role="alert" className="problem">
          {result.message}
        </p>
      )}
    </form>
  );
}

function rangeMessage(answer: { kind: string; message?: string }): string {
  return answer.message ?? answer.kind;
}
